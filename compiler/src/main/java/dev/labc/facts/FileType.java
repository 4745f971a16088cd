package dev.labc.facts;

/** What a path names; {@code MISSING} when nothing exists there. */
public enum FileType { REGULAR, DIRECTORY, SYMLINK, OTHER, MISSING }

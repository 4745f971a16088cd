package dev.labc.facts;

/** {@code uname -r}, {@code -v} and {@code -m}. */
public record Kernel(String release, String version, String machine) {}

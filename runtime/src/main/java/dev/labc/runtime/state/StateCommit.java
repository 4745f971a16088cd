package dev.labc.runtime.state;

import java.time.Instant;

/**
 * One revision in the state's history, newest first in {@link GitStateStore#history()}.
 *
 * @param serial the state serial the commit recorded, or -1 for a commit not written by labc
 */
public record StateCommit(String commitId, long serial, String author, Instant time, String subject) {}

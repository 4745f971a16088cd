package dev.labc.facts;

/** From {@code free -b}, in bytes. */
public record Memory(long totalBytes, long availableBytes, long swapTotalBytes, long swapUsedBytes) {}

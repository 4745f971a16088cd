package dev.labc.facts;

/** From {@code lscpu}: {@code cpus} counts logical CPUs (threads); {@code model} may be null on some arches. */
public record Cpu(String architecture, String model, int cpus, int sockets, int coresPerSocket, int threadsPerCore) {}

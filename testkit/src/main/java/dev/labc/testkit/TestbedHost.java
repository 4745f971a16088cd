package dev.labc.testkit;

/** One host of a testbed: its name (host&lt;i&gt;), loopback address and SSH port. */
public record TestbedHost(String name, String address, int port) {}

/**
 * How labc reaches hosts: the {@link dev.labc.runtime.transport.Transport} contract (one connection
 * per host per run, commands as channels on it), its SSH implementation and the dial allow-list.
 */
package dev.labc.runtime.transport;

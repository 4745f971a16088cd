/**
 * Resource addresses: immutable, ordered values with one canonical text form that users type
 * ({@code node.gpu-07.file["/etc/exports"]}) and an exact parser for it (Terraform {@code addrs}).
 *
 * <p>A leaf package: it imports nothing from labc, so plans, state and diagnostics can all name
 * resources without depending on each other.
 */
package dev.labc.addr;

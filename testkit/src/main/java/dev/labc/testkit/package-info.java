/**
 * Test support for every module: the {@code @Testbed} extension of real OpenSSH hosts, golden
 * files, and the package graph read from class files that the architecture test checks.
 */
package dev.labc.testkit;

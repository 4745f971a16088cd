/**
 * The picocli commands: parse flags, call the compiler and runtime, render results and set the
 * exit code. Knows the bundled stdlib (class path resources) and the terminal.
 */
package dev.labc.cli;

/**
 * The compiler facade: one .lab file (with the stdlib injected as a module resolver) to its
 * diagnostics and resource graph; what every command and the language server compile through.
 */
package dev.labc.compile;

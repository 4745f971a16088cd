/**
 * Diagnostics as values: {@link dev.labc.diag.Diagnostic} (span, severity, code, message, hint),
 * the code catalogue (docs/diagnostics.md) and collection. Rendering is in {@code diag.render}.
 */
package dev.labc.diag;

/**
 * The language server ({@code labc lsp}): documents compiled through the compiler facade, and
 * hover, definitions, references, rename, completion and diagnostics from that one analysis.
 */
package dev.labc.lsp;

/**
 * Renderings of diagnostics: the human one with source excerpts and carets, and the JSON one
 * for tools; nothing here decides what is reported.
 */
package dev.labc.diag.render;

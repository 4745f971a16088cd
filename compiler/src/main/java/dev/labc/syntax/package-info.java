/**
 * Source text to syntax tree: reading files as UTF-8, the AST records (statements, expressions,
 * types) and their spans. The parser itself is in {@code syntax.antlr}.
 */
package dev.labc.syntax;

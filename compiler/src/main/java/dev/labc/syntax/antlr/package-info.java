/**
 * The only package that sees ANTLR: lexing, the two-stage parse, error reporting in words, and
 * lowering parse trees to the AST of {@link dev.labc.syntax}. Replaceable without touching
 * anything downstream.
 */
package dev.labc.syntax.antlr;

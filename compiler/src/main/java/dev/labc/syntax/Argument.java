package dev.labc.syntax;

import dev.labc.source.Span;

/** A call or type argument, positional ({@code name == null}) or named ({@code role: worker}). */
public record Argument(Span span, Ident name, Expr value) implements Node {}

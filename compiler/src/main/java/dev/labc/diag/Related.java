package dev.labc.diag;

import dev.labc.source.Span;

/** A secondary span of a diagnostic, such as "first declared here". */
public record Related(Span span, String message) {}

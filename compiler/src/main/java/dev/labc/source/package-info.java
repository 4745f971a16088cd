/** Source text and locations: {@link dev.labc.source.SourceFile}, {@link dev.labc.source.Span}. A leaf package. */
package dev.labc.source;

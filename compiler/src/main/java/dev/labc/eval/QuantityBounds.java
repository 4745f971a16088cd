package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.source.Span;
import dev.labc.syntax.Units;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The largest quantity of each dimension labc accepts: far past any machine, so a value beyond
 * it is a typo (a unit too large, digits doubled) and is refused where it was written, before it
 * can overflow the int arithmetic of the tools it would reach. Dimensions not listed are unbounded.
 */
final class QuantityBounds {
  private QuantityBounds() {}

  private record Bound(BigDecimal max, String words, String plural) {}

  private static final Map<Units.Dimension, Bound> BOUNDS = Map.of(
      Units.Dimension.SIZE, new Bound(new BigDecimal("1e18"), "an exabyte (1000PB)", "sizes"),
      Units.Dimension.POWER, new Bound(new BigDecimal("1e6"), "a megawatt (1MW)", "power figures"),
      Units.Dimension.DURATION, new Bound(BigDecimal.valueOf(100L * 365 * 86400), "100 years (36500d)", "durations"));

  /** {@code q}, or a located E0302 quoting the source text at {@code at} when it is beyond its dimension's bound. */
  static Value.Quantity check(Value.Quantity q, Span at, Conformance.Failure f) {
    Bound b = BOUNDS.get(q.dimension());
    if (b == null || q.base().abs().compareTo(b.max()) <= 0) return q;
    String wrote = at == null ? q.text() : Operators.written(at);
    throw f.fail(Code.OUT_OF_RANGE, at, "`" + wrote + "` is beyond " + b.words() + ", more than any cluster has",
        b.plural() + " are at most " + b.words() + "; check the digits and the unit");
  }
}

package dev.labc.eval;

import dev.labc.syntax.Units;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Arithmetic on quantities keeps a readable unit: 2TiB + 512GiB is shown as 2560GiB. */
final class Quantities {
  private Quantities() {}

  private static final List<String> BINARY = List.of("PiB", "TiB", "GiB", "MiB", "KiB", "B");
  private static final List<String> DECIMAL = List.of("PB", "TB", "GB", "MB", "KB", "B");
  private static final List<String> DURATION = List.of("d", "h", "m", "s", "ms");
  private static final List<String> POWER = List.of("MW", "kW", "W");

  static Value.Quantity of(Units.Dimension dim, BigDecimal base, boolean preferBinary) {
    List<String> units = switch (dim) {
      case SIZE -> preferBinary ? BINARY : DECIMAL;
      case DURATION -> DURATION;
      case POWER -> POWER;
      case PERCENT -> List.of("%");
      case CURRENT -> List.of("A", "mA");
      case VOLTAGE -> List.of("kV", "V");
      case APPARENT_POWER -> List.of("kVA", "VA");
    };
    for (String u : units) {
      BigDecimal n = base.divide(Units.factor(u), 12, RoundingMode.HALF_EVEN).stripTrailingZeros();
      if (n.abs().compareTo(BigDecimal.ONE) >= 0 && n.scale() <= 0) return new Value.Quantity(dim, base, n.toPlainString() + u);
    }
    String smallest = units.get(units.size() - 1);
    BigDecimal n = base.divide(Units.factor(smallest), 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return new Value.Quantity(dim, base, n.toPlainString() + smallest);
  }

  static boolean binary(Value.Quantity q) {
    return q.text().endsWith("iB");
  }
}

package dev.labc.syntax;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The units a number literal may carry, their dimension and their factor to the base unit. */
public final class Units {
  private Units() {}

  /** The dimension of a unit: what a quantity measures. */
  public enum Dimension { SIZE, DURATION, POWER, PERCENT, CURRENT, VOLTAGE, APPARENT_POWER }

  private record Unit(Dimension dimension, BigDecimal factor) {}

  private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

  static {
    size("B", 1);
    long k = 1000, ki = 1024;
    size("KB", k); size("MB", k * k); size("GB", k * k * k); size("TB", k * k * k * k); size("PB", k * k * k * k * k);
    size("KiB", ki); size("MiB", ki * ki); size("GiB", ki * ki * ki); size("TiB", ki * ki * ki * ki); size("PiB", ki * ki * ki * ki * ki);
    put("ms", Dimension.DURATION, new BigDecimal("0.001"));
    put("s", Dimension.DURATION, BigDecimal.ONE);
    put("m", Dimension.DURATION, BigDecimal.valueOf(60));
    put("h", Dimension.DURATION, BigDecimal.valueOf(3600));
    put("d", Dimension.DURATION, BigDecimal.valueOf(86400));
    put("W", Dimension.POWER, BigDecimal.ONE);
    put("kW", Dimension.POWER, BigDecimal.valueOf(1000));
    put("MW", Dimension.POWER, BigDecimal.valueOf(1_000_000));
    put("%", Dimension.PERCENT, BigDecimal.ONE);
    // Electrical, for circuits: a breaker is rated in amps at a voltage, a UPS or PDU in VA.
    put("mA", Dimension.CURRENT, new BigDecimal("0.001"));
    put("A", Dimension.CURRENT, BigDecimal.ONE);
    put("V", Dimension.VOLTAGE, BigDecimal.ONE);
    put("kV", Dimension.VOLTAGE, BigDecimal.valueOf(1000));
    put("VA", Dimension.APPARENT_POWER, BigDecimal.ONE);
    put("kVA", Dimension.APPARENT_POWER, BigDecimal.valueOf(1000));
  }

  private static void size(String name, long factor) { put(name, Dimension.SIZE, BigDecimal.valueOf(factor)); }

  private static void put(String name, Dimension d, BigDecimal f) { UNITS.put(name, new Unit(d, f)); }

  /** The dimension of {@code unit}, or null when it is not a unit. */
  public static Dimension kindOf(String unit) {
    Unit u = UNITS.get(unit);
    return u == null ? null : u.dimension();
  }

  /** How many base units (bytes, seconds, watts, percent, amps, volts, volt-amperes) one {@code unit} is. */
  public static BigDecimal factor(String unit) { return UNITS.get(unit).factor(); }

  public static Set<String> all() { return UNITS.keySet(); }

  public static String summary() {
    return "sizes B KB MB GB TB PB KiB MiB GiB TiB PiB, durations ms s m h d, power W kW MW, current mA A, voltage V kV, apparent power VA kVA, and %";
  }
}

package dev.labc.eval;

import dev.labc.syntax.Units;
import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

/** Evaluated values: immutable, comparable by value, printable without revealing secrets. */
public sealed interface Value {

  /** The name of this value's type, as error messages say it. */
  String typeName();

  record Str(String value) implements Value {
    public String typeName() { return "string"; }
  }

  record Int(long value) implements Value {
    public String typeName() { return "int"; }
  }

  record Flt(double value) implements Value {
    public String typeName() { return "float"; }
  }

  record Bool(boolean value) implements Value {
    public String typeName() { return "bool"; }
  }

  record Null() implements Value {
    public String typeName() { return "null"; }
  }

  /** A quantity in its dimension's base unit (bytes, seconds, watts, percent), with the text as written. */
  record Quantity(Units.Dimension dimension, BigDecimal base, String text) implements Value {
    public String typeName() {
      return switch (dimension) {
        case SIZE -> "size";
        case DURATION -> "duration";
        case POWER -> "power";
        case PERCENT -> "percent";
        case CURRENT -> "current";
        case VOLTAGE -> "voltage";
        case APPARENT_POWER -> "apparent power";
      };
    }

    @Override public boolean equals(Object o) {
      return o instanceof Quantity q && q.dimension == dimension && q.base.compareTo(base) == 0;
    }

    @Override public int hashCode() { return dimension.hashCode() * 31 + base.stripTrailingZeros().hashCode(); }
  }

  record Ip(String text) implements Value {
    public String typeName() { return "ip"; }
  }

  record Cidr(String text) implements Value {
    public String typeName() { return "cidr"; }
  }

  record ListV(List<Value> items) implements Value {
    public ListV { items = List.copyOf(items); }
    public String typeName() { return "list"; }
  }

  /** An object or map: keys sorted, so evaluation order never shows in results. */
  record Obj(SortedMap<String, Value> fields) implements Value {
    public Obj { fields = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(fields)); }
    public String typeName() { return "object"; }
  }

  /** A member of a declared enum. */
  record EnumV(String enumName, String member) implements Value {
    public String typeName() { return enumName; }
  }

  /** A reference to a declared entity: a node, a network, a storage tier. */
  record Ref(String kind, String name) implements Value {
    public String typeName() { return kind; }
  }

  /**
   * A secret. {@code source} says where it comes from (a param, an env var) for messages;
   * {@code value} is null when not available at this point (e.g. the variable is unset).
   * toString never shows the value.
   */
  record Secret(String source, String value, List<String> parts) implements Value {
    /**
     * {@code parts} are the secrets' own texts this one was made from (a password inside a
     * rendered file), which apply's output redacts besides the whole text; equality ignores them.
     */
    public Secret {
      parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public Secret(String source, String value) {
      this(source, value, value == null ? List.of() : List.of(value));
    }

    public String typeName() { return "secret"; }
    @Override public String toString() { return "Secret[" + source + "]"; }
    @Override public boolean equals(Object o) {
      return o instanceof Secret s && java.util.Objects.equals(s.source, source) && java.util.Objects.equals(s.value, value);
    }
    @Override public int hashCode() { return java.util.Objects.hash(source, value); }
  }

  /** A value that is known only after apply (a join token, a generated certificate). */
  record Unknown(String producer) implements Value {
    public String typeName() { return "unknown"; }
  }
}

package dev.labc.state;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An attribute value in state: the JSON data model plus {@link SecretDigest}. Kept free of any
 * JSON library so the model stays pure; the codec maps it to and from files.
 */
public sealed interface Value
    permits Value.Null, Value.Bool, Value.Num, Value.Text, Value.Array, Value.Dict, SecretDigest {

  static Value of(String s) {
    return new Text(s);
  }

  static Value of(long n) {
    return new Num(BigDecimal.valueOf(n));
  }

  static Value of(boolean b) {
    return b ? Bool.TRUE : Bool.FALSE;
  }

  /** JSON {@code null}: an attribute known to be absent on the host. */
  enum Null implements Value {
    NULL
  }

  record Bool(boolean value) implements Value {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);
  }

  /**
   * A number, held exactly. Trailing zeros are stripped so {@code 1.0} and {@code 1} are one value;
   * state never needs to remember how a number was spelled.
   */
  record Num(BigDecimal value) implements Value {
    public Num {
      Objects.requireNonNull(value, "value");
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
  }

  record Text(String value) implements Value {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  record Array(List<Value> items) implements Value {
    public Array {
      items = List.copyOf(items);
    }

    public static Array of(Value... items) {
      return new Array(List.of(items));
    }
  }

  /** A JSON object; keys are kept sorted so encoding is deterministic. */
  record Dict(SortedMap<String, Value> fields) implements Value {
    public Dict {
      TreeMap<String, Value> copy = new TreeMap<>();
      fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
      fields = Collections.unmodifiableSortedMap(copy);
    }
  }
}

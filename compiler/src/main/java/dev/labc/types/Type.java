package dev.labc.types;

import java.util.List;

/** The types of .lab values, as schemas and params declare them. */
public sealed interface Type {
  /** How messages say this type: "size", "list of node", "int from 1 to 65535". */
  String describe();

  /** RATING is what a circuit is rated in: power, apparent power (VA) or current (at a voltage). */
  enum Kind { STRING, INT, FLOAT, BOOL, SIZE, DURATION, POWER, PERCENT, CURRENT, VOLTAGE, APPARENT_POWER, RATING, IP, CIDR, VERSION, PATH, ANY }

  /** A primitive with optional refinements: an int range, a string pattern. */
  record Prim(Kind kind, Long min, Long max, String pattern) implements Type {
    public static Prim of(Kind k) { return new Prim(k, null, null, null); }

    public String describe() {
      String base = switch (kind) {
        case APPARENT_POWER -> "apparent power";
        case RATING -> "power, VA or current";
        default -> kind.name().toLowerCase();
      };
      if (min != null || max != null) return base + " from " + min + " to " + max;
      if (pattern != null) return base + " matching /" + pattern + "/";
      return base;
    }
  }

  record ListT(Type element, boolean nonEmpty, boolean unique) implements Type {
    public String describe() { return "list of " + element.describe(); }
  }

  record MapT(Type value) implements Type {
    public String describe() { return "map of " + value.describe(); }
  }

  record OptionalT(Type inner) implements Type {
    public String describe() { return inner.describe() + " or null"; }
  }

  record SecretT(Type inner) implements Type {
    public String describe() { return "secret " + inner.describe(); }
  }

  /**
   * A field that may hold text made from a secret (a schema field marked {@code @may_hold_secret}):
   * plain values conform to {@code inner}; a secret-tainted string is taken where {@code inner}
   * wants a string, so it reaches the step as a secret and plans and state show only its digest.
   */
  record MayHoldSecretT(Type inner) implements Type {
    public String describe() { return inner.describe(); }
  }

  /** A record schema, written as a nested block or an object. */
  record RecordT(String schema) implements Type {
    public String describe() { return schema; }
  }

  /** A reference to a declared entity of a kind (a node, a network). */
  record RefT(String kind) implements Type {
    public String describe() { return kind; }
  }

  record EnumT(String name, List<String> members) implements Type {
    public EnumT { members = List.copyOf(members); }
    public String describe() { return name; }
  }
}

package dev.labc.eval;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The secrets a piece of text is made from. A string built from a secret is itself a secret, so a
 * builtin that reads a secret's text gives back a {@link Value.Secret} naming every source it
 * read: plans and state then show the result's digest, never the text.
 */
final class Taint {
  private final TreeSet<String> sources = new TreeSet<>();
  private final TreeSet<String> parts = new TreeSet<>();
  private boolean unknown;

  /** The secret's text, remembered as read; empty while the secret has no value (check without it set). */
  String read(Value.Secret s) {
    sources.addAll(Arrays.asList(s.source().split(", ")));
    parts.addAll(s.parts());
    if (s.value() == null) {
      unknown = true;
      return "";
    }
    return s.value();
  }

  boolean tainted() { return !sources.isEmpty(); }

  /** The result: plain text, or a secret made from the sources read (without a value if one had none). */
  Value result(String text) {
    if (sources.isEmpty()) return new Value.Str(text);
    if (unknown) return new Value.Secret(String.join(", ", sources), null, java.util.List.of());
    var all = new java.util.ArrayList<>(parts);
    all.add(text);
    return new Value.Secret(String.join(", ", sources), text, all);
  }

  /** Reads every secret inside a value (a template's vars), as a builtin reading its argument would. */
  void readAll(Value v) {
    switch (v) {
      case Value.Secret s -> read(s);
      case Value.ListV l -> l.items().forEach(this::readAll);
      case Value.Obj o -> o.fields().values().forEach(this::readAll);
      default -> { }
    }
  }

  /** Whether a value holds a secret anywhere inside it. */
  static boolean holdsSecret(Value v) {
    return switch (v) {
      case Value.Secret s -> true;
      case Value.ListV l -> l.items().stream().anyMatch(Taint::holdsSecret);
      case Value.Obj o -> o.fields().values().stream().anyMatch(Taint::holdsSecret);
      default -> false;
    };
  }
}

package dev.labc.eval;

import java.util.Map;
import java.util.stream.Collectors;

/** Printing values for people: the form used in plans, interpolation and messages. Secrets never print. */
public final class Values {
  private Values() {}

  public static String show(Value v) {
    return switch (v) {
      case Value.Str s -> dev.labc.format.Formatter.quote(s.value());
      case Value.Int i -> Long.toString(i.value());
      case Value.Flt f -> Double.toString(f.value());
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Null n -> "null";
      case Value.Quantity q -> q.text();
      case Value.Ip ip -> ip.text();
      case Value.Cidr c -> c.text();
      case Value.ListV l -> l.items().stream().map(Values::show).collect(Collectors.joining(", ", "[", "]"));
      case Value.Obj o -> o.fields().entrySet().stream().map(Values::entry).collect(Collectors.joining(", ", "{ ", " }"));
      case Value.EnumV e -> e.member();
      case Value.Ref r -> r.kind() + "." + r.name();
      case Value.Secret s -> "(secret)";
      case Value.Unknown u -> "(known after apply)";
    };
  }

  private static String entry(Map.Entry<String, Value> e) {
    String k = e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") ? e.getKey() : dev.labc.format.Formatter.quote(e.getKey());
    return k + " = " + show(e.getValue());
  }

  /** The entity references in a value: a single reference or the references in a list. */
  public static java.util.List<Value.Ref> refs(Value v) {
    if (v instanceof Value.ListV l) return l.items().stream().filter(x -> x instanceof Value.Ref).map(x -> (Value.Ref) x).toList();
    if (v instanceof Value.Ref r) return java.util.List.of(r);
    return java.util.List.of();
  }

  /**
   * Text made from {@code from} (a template rendered with these vars): a secret naming every
   * secret inside {@code from} if it holds any, so the text is shown and stored as a digest.
   */
  public static Value madeFrom(Value from, String text) {
    var taint = new Taint();
    taint.readAll(from);
    return taint.result(text);
  }

  /** The text a value contributes to an interpolated string, or null when it has none. */
  public static String text(Value v) {
    return switch (v) {
      case Value.Str s -> s.value();
      case Value.Int i -> Long.toString(i.value());
      case Value.Flt f -> Double.toString(f.value());
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.Quantity q -> q.text();
      case Value.Ip ip -> ip.text();
      case Value.Cidr c -> c.text();
      case Value.EnumV e -> e.member();
      case Value.Ref r -> r.name();
      default -> null;
    };
  }
}

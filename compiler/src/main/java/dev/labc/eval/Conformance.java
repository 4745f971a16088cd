package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Spelling;
import dev.labc.source.Span;
import dev.labc.syntax.Units;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/** Checks a value against a type, coercing where the language allows (text to path or version, int to float). */
final class Conformance {
  interface Failure { EvalError fail(Code code, Span span, String message, String hint); }

  private Conformance() {}

  static Value conform(Value v, Type t, Span at, String what, Map<String, Schema> schemas, Failure f) {
    if (v instanceof Value.Unknown) return v;
    return switch (t) {
      case Type.OptionalT o -> v instanceof Value.Null ? v : conform(v, o.inner(), at, what, schemas, f);
      case Type.SecretT s -> {
        if (v instanceof Value.Secret) yield v;
        throw f.fail(Code.SECRET_MISUSE, at, what + " must be a secret, found a plain " + v.typeName(),
            "pass it through a `secret` param, e.g. `param key: secret string = env(\"KEY\")`, so it never lands in plans or state");
      }
      case Type.MayHoldSecretT m -> switch (m.inner()) {
        case Type.OptionalT o -> v instanceof Value.Null ? v : conform(v, new Type.MayHoldSecretT(o.inner()), at, what, schemas, f);
        case Type.ListT l when v instanceof Value.ListV -> conform(v, new Type.ListT(new Type.MayHoldSecretT(l.element()), l.nonEmpty(), l.unique()), at, what, schemas, f);
        case Type.MapT mt when v instanceof Value.Obj -> conform(v, new Type.MapT(new Type.MayHoldSecretT(mt.value())), at, what, schemas, f);
        case Type.Prim p when v instanceof Value.Secret sec && (p.kind() == Type.Kind.STRING || p.kind() == Type.Kind.ANY) -> {
          // The pattern is checked on the text, and the message never quotes it.
          if (p.pattern() != null && sec.value() != null && !java.util.regex.Pattern.compile(p.pattern()).matcher(sec.value()).find()) {
            throw f.fail(Code.PATTERN_MISMATCH, at, what + " (made from " + sec.source() + ") does not match /" + p.pattern() + "/", null);
          }
          yield v;
        }
        default -> conform(v, m.inner(), at, what, schemas, f);
      };
      case Type.Prim p -> prim(v, p, at, what, f);
      case Type.ListT l -> {
        if (!(v instanceof Value.ListV list)) throw mismatch(v, t, at, what, f);
        var out = new ArrayList<Value>();
        for (Value item : list.items()) out.add(conform(item, l.element(), at, "an item of " + what, schemas, f));
        if (l.nonEmpty() && out.isEmpty()) throw f.fail(Code.OUT_OF_RANGE, at, what + " must not be empty", null);
        if (l.unique() && new HashSet<>(out).size() != out.size()) throw f.fail(Code.OUT_OF_RANGE, at, what + " has duplicate items", null);
        yield new Value.ListV(out);
      }
      case Type.MapT m -> {
        if (!(v instanceof Value.Obj o)) throw mismatch(v, t, at, what, f);
        var out = new TreeMap<String, Value>();
        for (var e : o.fields().entrySet()) out.put(e.getKey(), conform(e.getValue(), m.value(), at, what + "[\"" + e.getKey() + "\"]", schemas, f));
        yield new Value.Obj(out);
      }
      case Type.RecordT r -> {
        if (!(v instanceof Value.Obj o)) throw mismatch(v, t, at, what, f);
        Schema s = schemas.get(r.schema());
        var out = new TreeMap<String, Value>();
        for (var e : o.fields().entrySet()) {
          Schema.Field field = s.fields().get(e.getKey());
          if (field == null) {
            String dym = Spelling.didYouMean(e.getKey(), s.fields().keySet());
            throw f.fail(Code.UNKNOWN_ATTRIBUTE, at, "`" + s.name() + "` has no attribute `" + e.getKey() + "`", dym != null ? dym : "`" + s.name() + "` has " + String.join(", ", s.fields().keySet()));
          }
          out.put(e.getKey(), conform(e.getValue(), field.type(), at, "`" + e.getKey() + "`", schemas, f));
        }
        for (Schema.Field field : s.fields().values()) {
          if (out.containsKey(field.name())) continue;
          if (field.required()) throw f.fail(Code.MISSING_ATTRIBUTE, at, what + " needs `" + field.name() + "` (" + field.type().describe() + ")", null);
          if (field.defaultValue() != null) out.put(field.name(), literalDefault(field, at, schemas, f));
          else out.put(field.name(), new Value.Null());
        }
        yield new Value.Obj(out);
      }
      case Type.RefT r -> {
        if (v instanceof Value.Ref ref && ref.kind().equals(r.kind())) yield v;
        throw mismatch(v, t, at, what, f);
      }
      case Type.EnumT e -> {
        if (v instanceof Value.EnumV ev && e.members().contains(ev.member())) yield new Value.EnumV(e.name(), ev.member());
        if (v instanceof Value.Str s && e.members().contains(s.value())) yield new Value.EnumV(e.name(), s.value());
        String got = v instanceof Value.EnumV ev ? ev.member() : v instanceof Value.Str s ? s.value() : null;
        String dym = got == null ? null : Spelling.didYouMean(got, e.members());
        throw f.fail(Code.TYPE_MISMATCH, at, what + " must be one of the " + e.name() + " values, found " + (got == null ? "a " + v.typeName() : "`" + got + "`"),
            (dym != null ? dym + " " : "") + e.name() + " is one of " + String.join(", ", e.members()));
      }
    };
  }

  /** Record defaults are literals in schemas; evaluate the simple ones without an evaluator. */
  private static Value literalDefault(Schema.Field field, Span at, Map<String, Schema> schemas, Failure f) {
    Value v = switch (field.defaultValue()) {
      case dev.labc.syntax.Expr.Str s when s.literalValue() != null -> new Value.Str(s.literalValue());
      case dev.labc.syntax.Expr.Int i -> new Value.Int(i.value());
      case dev.labc.syntax.Expr.Bool b -> new Value.Bool(b.value());
      case dev.labc.syntax.Expr.Unit u -> QuantityBounds.check(new Value.Quantity(Units.kindOf(u.unit()), u.number().multiply(Units.factor(u.unit())), u.numberText() + u.unit()), u.span(), f);
      case dev.labc.syntax.Expr.ListLit l when l.items().isEmpty() -> new Value.ListV(java.util.List.of());
      case dev.labc.syntax.Expr.ListLit l when l.items().stream().allMatch(x -> x instanceof dev.labc.syntax.Expr.Str) ->
          new Value.ListV(l.items().stream().map(x -> (Value) new Value.Str(((dev.labc.syntax.Expr.Str) x).literalValue())).toList());
      case dev.labc.syntax.Expr.ObjectLit o when o.entries().isEmpty() -> new Value.Obj(new TreeMap<>());
      case dev.labc.syntax.Expr.Cidr c -> new Value.Cidr(c.text());
      case dev.labc.syntax.Expr.Ip ip -> new Value.Ip(ip.text());
      default -> new Value.Null();
    };
    return v instanceof Value.Null ? v : conform(v, field.type(), at, "`" + field.name() + "`", schemas, f);
  }

  private static Value prim(Value v, Type.Prim p, Span at, String what, Failure f) {
    Value out = switch (p.kind()) {
      case ANY -> v;
      case STRING -> v instanceof Value.Str ? v : null;
      case PATH -> v instanceof Value.Str s ? path(s, at, what, f) : null;
      case VERSION -> v instanceof Value.Str s ? version(s, at, what, f) : v instanceof Value.Flt || v instanceof Value.Int ? new Value.Str(Values.text(v)) : null;
      case INT -> v instanceof Value.Int ? v : null;
      case FLOAT -> v instanceof Value.Flt ? v : v instanceof Value.Int i ? new Value.Flt(i.value()) : null;
      case BOOL -> v instanceof Value.Bool ? v : null;
      case SIZE -> quantity(v, Units.Dimension.SIZE);
      case DURATION -> quantity(v, Units.Dimension.DURATION);
      case POWER -> quantity(v, Units.Dimension.POWER);
      case PERCENT -> quantity(v, Units.Dimension.PERCENT);
      case CURRENT -> quantity(v, Units.Dimension.CURRENT);
      case VOLTAGE -> quantity(v, Units.Dimension.VOLTAGE);
      case APPARENT_POWER -> quantity(v, Units.Dimension.APPARENT_POWER);
      case RATING -> v instanceof Value.Quantity q && switch (q.dimension()) { case POWER, APPARENT_POWER, CURRENT -> true; default -> false; } ? v : null;
      case IP -> v instanceof Value.Ip ? v : v instanceof Value.Str s && Addresses.isIp(s.value()) ? new Value.Ip(s.value()) : null;
      case CIDR -> v instanceof Value.Cidr ? v : v instanceof Value.Str s && Addresses.isCidr(s.value()) ? new Value.Cidr(s.value()) : null;
    };
    if (out == null) throw mismatch(v, p, at, what, f);
    if (out instanceof Value.Int i && (p.min() != null && i.value() < p.min() || p.max() != null && i.value() > p.max())) {
      throw f.fail(Code.OUT_OF_RANGE, at, what + " is " + i.value() + ", outside " + p.min() + ".." + p.max(), null);
    }
    if (out instanceof Value.Str s && p.pattern() != null && !java.util.regex.Pattern.compile(p.pattern()).matcher(s.value()).find()) {
      throw f.fail(Code.PATTERN_MISMATCH, at, what + " is " + dev.labc.format.Formatter.quote(s.value()) + ", which does not match /" + p.pattern() + "/", null);
    }
    return out;
  }

  private static Value quantity(Value v, Units.Dimension d) {
    return v instanceof Value.Quantity q && q.dimension() == d ? v : null;
  }

  private static Value path(Value.Str s, Span at, String what, Failure f) {
    if (!s.value().startsWith("/")) throw f.fail(Code.TYPE_MISMATCH, at, what + " must be an absolute path, found " + dev.labc.format.Formatter.quote(s.value()), null);
    for (String part : s.value().split("/")) {
      if (part.equals("..")) throw f.fail(Code.TYPE_MISMATCH, at, what + " must not contain `..`", "write the path without parent-directory steps");
    }
    if (s.value().indexOf('\0') >= 0) throw f.fail(Code.TYPE_MISMATCH, at, what + " contains a NUL character", null);
    return s;
  }

  private static Value version(Value.Str s, Span at, String what, Failure f) {
    if (!s.value().matches("[0-9]+(\\.[0-9]+)*([-+~][0-9A-Za-z.+~-]+)?")) {
      throw f.fail(Code.TYPE_MISMATCH, at, what + " is not a version: " + dev.labc.format.Formatter.quote(s.value()), "write versions like \"535.104.05\" or \"12.2\"");
    }
    // Tools compare versions as ints: a component past 2^31 - 1 is a typo, and would break them.
    for (String part : s.value().split("[-+~]", 2)[0].split("\\.")) {
      String digits = part.replaceFirst("^0+(?=.)", "");
      if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
        throw f.fail(Code.OUT_OF_RANGE, at, what + " is " + dev.labc.format.Formatter.quote(s.value()) + ": its part `" + (part.length() > 40 ? part.substring(0, 37) + "..." : part)
            + "` is over " + Integer.MAX_VALUE, "each dot-separated part of a version is 0 to " + Integer.MAX_VALUE);
      }
    }
    return s;
  }

  private static EvalError mismatch(Value v, Type t, Span at, String what, Failure f) {
    if (v instanceof Value.Secret sec) {
      return f.fail(Code.SECRET_MISUSE, at, what + " cannot hold a secret (" + sec.source() + "): it would show in plans and state",
          "a secret may go into a file's `content` or template `vars`, or a command's `env`; nowhere that names or addresses a thing");
    }
    String hint = null;
    if (v instanceof Value.Str && t instanceof Type.RefT r) hint = "refer to the " + r.kind() + " by its name without quotes";
    else if (v instanceof Value.Int && t instanceof Type.Prim p && switch (p.kind()) { case SIZE, DURATION, POWER, PERCENT, CURRENT, VOLTAGE, APPARENT_POWER, RATING -> true; default -> false; }) {
      hint = "add a unit, e.g. " + switch (p.kind()) {
        case SIZE -> "`512GiB`"; case DURATION -> "`30s`"; case POWER -> "`300W`"; case CURRENT, RATING -> "`15A`";
        case VOLTAGE -> "`120V`"; case APPARENT_POWER -> "`1500VA`"; default -> "`80%`"; };
    }
    return f.fail(Code.TYPE_MISMATCH, at, what + " must be " + article(t.describe()) + ", found " + article(v.typeName())
        + (v instanceof Value.Secret ? "" : " " + preview(v)), hint);
  }

  private static String preview(Value v) {
    String s = Values.show(v);
    return s.length() > 40 ? "`" + s.substring(0, 37) + "...`" : "`" + s + "`";
  }

  static String article(String noun) {
    return (noun.matches("^[aeiou].*") ? "an " : "a ") + noun;
  }
}

package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.syntax.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;

/** Binary operators, with unit arithmetic checked: a size plus a duration is a type error. */
final class Operators {
  private Operators() {}

  static Value binary(Evaluator ev, Expr.Binary b, Env env) {
    if (b.op() == Expr.BinaryOp.AND) {
      return new Value.Bool(ev.truthy(ev.eval(b.left(), env), b.left().span()) && ev.truthy(ev.eval(b.right(), env), b.right().span()));
    }
    if (b.op() == Expr.BinaryOp.OR) {
      return new Value.Bool(ev.truthy(ev.eval(b.left(), env), b.left().span()) || ev.truthy(ev.eval(b.right(), env), b.right().span()));
    }
    Value l = ev.eval(b.left(), env);
    Value r = ev.eval(b.right(), env);
    return switch (b.op()) {
      case EQ -> new Value.Bool(l.equals(r));
      case NE -> new Value.Bool(!l.equals(r));
      case ADD, SUB -> addSub(ev, b, l, r);
      case MUL -> mul(ev, b, l, r);
      case DIV, MOD -> div(ev, b, l, r);
      case LT, LE, GT, GE -> {
        int c = compare(ev, b, l, r);
        yield new Value.Bool(switch (b.op()) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        });
      }
      case RANGE -> {
        if (!(l instanceof Value.Int a) || !(r instanceof Value.Int z)) throw ev.fail(Code.TYPE_MISMATCH, b.span(), "a range needs two ints, found " + l.typeName() + " and " + r.typeName(), null);
        // In BigInteger: `-9223372036854775808..9223372036854775807` overflowed a long into a small count.
        var n = java.math.BigInteger.valueOf(z.value()).subtract(java.math.BigInteger.valueOf(a.value())).add(java.math.BigInteger.ONE);
        if (n.compareTo(java.math.BigInteger.valueOf(Evaluator.MAX_ITEMS)) > 0) {
          throw ev.fail(Code.EVALUATION_LIMIT, b.span(), "range `" + written(b.span()) + "` has " + String.format(java.util.Locale.ROOT, "%,d", n) + " items; the limit is "
              + String.format(java.util.Locale.ROOT, "%,d", Evaluator.MAX_ITEMS), "no cluster has that many of anything; check the bounds");
        }
        // Building the items is work like evaluating them: a range rebuilt in every pass of an
        // outer `for` (150,000 items in each of 20,000 blocks) counts against the step limit.
        if (n.signum() > 0) ev.steps(n.longValue(), b.span());
        var items = new ArrayList<Value>();
        for (long i = a.value(); i <= z.value(); i++) items.add(new Value.Int(i));
        yield new Value.ListV(items);
      }
      case IN -> switch (r) {
        case Value.ListV list -> new Value.Bool(list.items().contains(l));
        case Value.Obj o when Values.text(l) != null -> new Value.Bool(o.fields().containsKey(Values.text(l)));
        case Value.Str s when l instanceof Value.Str sub -> new Value.Bool(s.value().contains(sub.value()));
        case Value.Cidr c when l instanceof Value.Ip ip -> {
          var range = Addresses.range(c.text());
          yield new Value.Bool(Addresses.width(ip.text()) == range.width() && range.contains(Addresses.number(ip.text())));
        }
        default -> throw ev.fail(Code.TYPE_MISMATCH, b.span(), "`in` cannot look for a " + l.typeName() + " in a " + r.typeName(), null);
      };
      case AND, OR -> throw new IllegalStateException();
    };
  }

  private static Value addSub(Evaluator ev, Expr.Binary b, Value l, Value r) {
    boolean add = b.op() == Expr.BinaryOp.ADD;
    if (l instanceof Value.Int x && r instanceof Value.Int y) {
      try {
        return new Value.Int(add ? Math.addExact(x.value(), y.value()) : Math.subtractExact(x.value(), y.value()));
      } catch (ArithmeticException e) {
        throw ev.fail(Code.OUT_OF_RANGE, b.span(), "integer overflow", null);
      }
    }
    if (isNumber(l) && isNumber(r)) return new Value.Flt(add ? num(l) + num(r) : num(l) - num(r));
    if (l instanceof Value.Quantity x && r instanceof Value.Quantity y) {
      if (x.dimension() != y.dimension()) {
        throw ev.fail(Code.TYPE_MISMATCH, b.span(), "cannot " + (add ? "add" : "subtract") + " a " + y.typeName() + " " + (add ? "to" : "from") + " a " + x.typeName(),
            "both sides of `" + b.op().symbol + "` must be the same kind of quantity");
      }
      return QuantityBounds.check(Quantities.of(x.dimension(), add ? x.base().add(y.base()) : x.base().subtract(y.base()), Quantities.binary(x) || Quantities.binary(y)), b.span(), ev::fail);
    }
    if (add && l instanceof Value.Str x && r instanceof Value.Str y) {
      if ((long) x.value().length() + y.value().length() > Evaluator.MAX_STRING) throw ev.fail(Code.EVALUATION_LIMIT, b.span(), "string grows past " + Evaluator.MAX_STRING + " characters", null);
      return new Value.Str(x.value() + y.value());
    }
    if (add && l instanceof Value.ListV x && r instanceof Value.ListV y) {
      if ((long) x.items().size() + y.items().size() > Evaluator.MAX_ITEMS) throw ev.fail(Code.EVALUATION_LIMIT, b.span(), "list grows past " + Evaluator.MAX_ITEMS + " items", null);
      var items = new ArrayList<>(x.items());
      items.addAll(y.items());
      return new Value.ListV(items);
    }
    throw ev.fail(Code.TYPE_MISMATCH, b.span(), "cannot " + (add ? "add" : "subtract") + " " + Conformance.article(r.typeName()) + " and " + Conformance.article(l.typeName()), null);
  }

  private static Value mul(Evaluator ev, Expr.Binary b, Value l, Value r) {
    if (l instanceof Value.Int x && r instanceof Value.Int y) {
      try {
        return new Value.Int(Math.multiplyExact(x.value(), y.value()));
      } catch (ArithmeticException e) {
        throw ev.fail(Code.OUT_OF_RANGE, b.span(), "integer overflow", null);
      }
    }
    if (isNumber(l) && isNumber(r)) return new Value.Flt(num(l) * num(r));
    if (l instanceof Value.Quantity q && isNumber(r)) return QuantityBounds.check(Quantities.of(q.dimension(), q.base().multiply(big(r)), Quantities.binary(q)), b.span(), ev::fail);
    if (r instanceof Value.Quantity q && isNumber(l)) return QuantityBounds.check(Quantities.of(q.dimension(), q.base().multiply(big(l)), Quantities.binary(q)), b.span(), ev::fail);
    throw ev.fail(Code.TYPE_MISMATCH, b.span(), "cannot multiply " + Conformance.article(l.typeName()) + " by " + Conformance.article(r.typeName()),
        l instanceof Value.Quantity && r instanceof Value.Quantity ? "multiply a quantity by a number, e.g. 8 * 700W" : null);
  }

  private static Value div(Evaluator ev, Expr.Binary b, Value l, Value r) {
    boolean mod = b.op() == Expr.BinaryOp.MOD;
    if (isNumber(r) && num(r) == 0 || r instanceof Value.Quantity q && q.base().signum() == 0) {
      throw ev.fail(Code.DIVISION_BY_ZERO, b.right().span(), "division by zero", null);
    }
    if (l instanceof Value.Int x && r instanceof Value.Int y) return new Value.Int(mod ? Math.floorMod(x.value(), y.value()) : Math.floorDiv(x.value(), y.value()));
    if (!mod && isNumber(l) && isNumber(r)) return new Value.Flt(num(l) / num(r));
    if (!mod && l instanceof Value.Quantity q && isNumber(r)) return QuantityBounds.check(Quantities.of(q.dimension(), Evaluator.div(q.base(), big(r)), Quantities.binary(q)), b.span(), ev::fail);
    if (!mod && l instanceof Value.Quantity x && r instanceof Value.Quantity y && x.dimension() == y.dimension()) {
      return new Value.Flt(Evaluator.div(x.base(), y.base()).doubleValue());
    }
    throw ev.fail(Code.TYPE_MISMATCH, b.span(), "cannot divide " + Conformance.article(l.typeName()) + " by " + Conformance.article(r.typeName()), null);
  }

  private static int compare(Evaluator ev, Expr.Binary b, Value l, Value r) {
    if (isNumber(l) && isNumber(r)) return Double.compare(num(l), num(r));
    if (l instanceof Value.Quantity x && r instanceof Value.Quantity y && x.dimension() == y.dimension()) return x.base().compareTo(y.base());
    if (l instanceof Value.Str x && r instanceof Value.Str y) return x.value().compareTo(y.value());
    throw ev.fail(Code.TYPE_MISMATCH, b.span(), "cannot compare " + Conformance.article(l.typeName()) + " with " + Conformance.article(r.typeName()), null);
  }

  /** What the user wrote at {@code at}, on one line and cut to a readable length. */
  static String written(dev.labc.source.Span at) {
    String t = at.text().replaceAll("\\s+", " ");
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  private static boolean isNumber(Value v) { return v instanceof Value.Int || v instanceof Value.Flt; }

  private static double num(Value v) { return v instanceof Value.Int i ? i.value() : ((Value.Flt) v).value(); }

  private static BigDecimal big(Value v) { return v instanceof Value.Int i ? BigDecimal.valueOf(i.value()) : BigDecimal.valueOf(((Value.Flt) v).value()); }
}

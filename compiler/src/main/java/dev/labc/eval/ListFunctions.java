package dev.labc.eval;

import dev.labc.diag.Code;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;

/** sort, distinct, flatten and merge: each a step per item it touches, and no result past the list limit. */
final class ListFunctions {
  private ListFunctions() {}

  static Value sort(Evaluator ev, Builtins.Args a) {
    Builtins.arity(ev, a, "sort", 1);
    if (!(a.get(0) instanceof Value.ListV l)) throw Builtins.wrong(ev, a, "sort", 0, "a list");
    ev.steps(l.items().size(), a.at(0));
    if (l.items().isEmpty()) return l;
    Value first = l.items().get(0);
    Comparator<Value> order = order(first);
    for (Value v : l.items()) {
      if (v instanceof Value.Secret sec) {
        throw ev.fail(Code.SECRET_MISUSE, a.at(0), "sort() cannot order secrets (" + sec.source() + "): the order would show how they compare", null);
      }
      if (order == null || order(v) == null || !sameKind(first, v)) {
        throw ev.fail(Code.BAD_ARGUMENT, a.at(0), "sort() takes a list of one kind of value, found " + Conformance.article(first.typeName()) + " and " + Conformance.article(v.typeName()),
            "sort strings, numbers, quantities of one kind (sizes, durations, ...) or addresses");
      }
    }
    var items = new ArrayList<>(l.items());
    items.sort(order); // stable: equal quantities written differently (1GiB, 1024MiB) keep their order
    return new Value.ListV(items);
  }

  /** How values of {@code v}'s kind are ordered, or null when they have no order. */
  private static Comparator<Value> order(Value v) {
    return switch (v) {
      case Value.Str s -> Comparator.comparing(x -> ((Value.Str) x).value());
      case Value.Int i -> (x, y) -> Double.compare(num(x), num(y));
      case Value.Flt f -> (x, y) -> Double.compare(num(x), num(y));
      case Value.Quantity q -> Comparator.comparing(x -> ((Value.Quantity) x).base());
      case Value.Ip ip -> Comparator.<Value, Integer>comparing(x -> Addresses.width(((Value.Ip) x).text())).thenComparing(x -> Addresses.number(((Value.Ip) x).text()));
      default -> null;
    };
  }

  private static boolean sameKind(Value a, Value b) {
    if ((a instanceof Value.Int || a instanceof Value.Flt) && (b instanceof Value.Int || b instanceof Value.Flt)) return true;
    if (a instanceof Value.Quantity x && b instanceof Value.Quantity y) return x.dimension() == y.dimension();
    return a.getClass() == b.getClass();
  }

  private static double num(Value v) { return v instanceof Value.Int i ? i.value() : ((Value.Flt) v).value(); }

  static Value distinct(Evaluator ev, Builtins.Args a) {
    Builtins.arity(ev, a, "distinct", 1);
    if (!(a.get(0) instanceof Value.ListV l)) throw Builtins.wrong(ev, a, "distinct", 0, "a list");
    ev.steps(l.items().size(), a.at(0));
    return new Value.ListV(List.copyOf(new LinkedHashSet<>(l.items())));
  }

  static Value flatten(Evaluator ev, Builtins.Args a) {
    Builtins.arity(ev, a, "flatten", 1);
    if (!(a.get(0) instanceof Value.ListV l)) throw Builtins.wrong(ev, a, "flatten", 0, "a list");
    var out = new ArrayList<Value>();
    flattenInto(ev, a, l, out);
    return new Value.ListV(out);
  }

  private static void flattenInto(Evaluator ev, Builtins.Args a, Value.ListV l, List<Value> out) {
    for (Value v : l.items()) {
      ev.steps(1, a.at(0)); // lists that share lists are small to write and huge to flatten
      if (v instanceof Value.ListV inner) {
        flattenInto(ev, a, inner, out);
      } else {
        if (out.size() >= Evaluator.MAX_ITEMS) throw ev.fail(Code.EVALUATION_LIMIT, a.at(0), "list grows past " + Evaluator.MAX_ITEMS + " items", null);
        out.add(v);
      }
    }
  }

  static Value merge(Evaluator ev, Builtins.Args a) {
    var out = new TreeMap<String, Value>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof Value.Obj o)) throw Builtins.wrong(ev, a, "merge", i, "a map");
      ev.steps(o.fields().size(), a.at(i));
      out.putAll(o.fields()); // right-biased: a later map's value wins
      if (out.size() > Evaluator.MAX_ITEMS) throw ev.fail(Code.EVALUATION_LIMIT, a.at(i), "map grows past " + Evaluator.MAX_ITEMS + " keys", null);
    }
    return new Value.Obj(out);
  }
}

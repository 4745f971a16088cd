package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Spelling;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The built-in functions. Each checks its arguments and says in words what it wanted. */
public final class Builtins {
  private Builtins() {}

  /** A built-in as the language reference and hover show it: {@code cidrhost(network: cidr, n: int) -> ip}. */
  public record Signature(String name, String params, String returns, String doc) {
    public String signature() { return name + "(" + params + ") -> " + returns; }
  }

  /** Every built-in; docs/language.md lists each of these signatures (a test holds it to that). */
  public static final List<Signature> SIGNATURES = List.of(
      new Signature("cidrhost", "network: cidr, n: int", "ip", "The n-th host address of a network: `cidrhost(10.0.1.0/24, 11)` is `10.0.1.11`."),
      new Signature("concat", "lists: list...", "list", "The lists joined into one, in order."),
      new Signature("contains", "items: list, item: any", "bool", "Whether the list holds the item."),
      new Signature("env", "name: string", "secret string", "An environment variable, as a secret; only in the default of a `secret` param."),
      new Signature("join", "separator: string, items: list", "string", "The items as text with the separator between them."),
      new Signature("keys", "m: map", "list(string)", "The keys of a map, in order."),
      new Signature("len", "value: list | map | string", "int", "The length of a list, map or string (in code points)."),
      new Signature("lower", "s: string", "string", "The string in lower case."),
      new Signature("nodes", "role: role?", "list(node)", "The declared nodes, in name order; with `role:`, only those that have the role."),
      new Signature("upper", "s: string", "string", "The string in upper case."),
      new Signature("values", "m: map", "list", "The values of a map, in key order."));

  static final List<String> NAMES = SIGNATURES.stream().map(Signature::name).toList();

  static Value call(Evaluator ev, Expr.Call c, Env env) {
    if (!(c.callee() instanceof Expr.Name fn)) {
      throw ev.fail(Code.UNKNOWN_FUNCTION, c.callee().span(), "only built-in functions can be called", "built-ins are " + String.join(", ", NAMES));
    }
    var positional = new ArrayList<Value>();
    var named = new TreeMap<String, Value>();
    for (Argument a : c.args()) {
      Value v = ev.eval(a.value(), env);
      if (a.name() == null) positional.add(v); else named.put(a.name().name(), v);
    }
    return switch (fn.name()) {
      case "env" -> env(ev, c, positional);
      case "nodes" -> nodes(ev, c, positional, named);
      case "cidrhost" -> {
        arity(ev, c, positional, 2);
        if (!(positional.get(0) instanceof Value.Cidr cidr) || !(positional.get(1) instanceof Value.Int n)) {
          throw ev.fail(Code.BAD_ARGUMENT, c.span(), "cidrhost(network, n) takes a cidr and an int", "e.g. cidrhost(10.0.1.0/24, 11) is 10.0.1.11");
        }
        String ip = Addresses.host(cidr.text(), n.value());
        if (ip == null) throw ev.fail(Code.OUT_OF_RANGE, c.span(), "host " + n.value() + " is outside " + cidr.text(), null);
        yield new Value.Ip(ip);
      }
      case "len" -> {
        arity(ev, c, positional, 1);
        yield switch (positional.get(0)) {
          case Value.ListV l -> new Value.Int(l.items().size());
          case Value.Obj o -> new Value.Int(o.fields().size());
          case Value.Str s -> new Value.Int(s.value().codePointCount(0, s.value().length()));
          default -> throw ev.fail(Code.BAD_ARGUMENT, c.span(), "len() takes a list, map or string", null);
        };
      }
      case "join" -> {
        arity(ev, c, positional, 2);
        if (!(positional.get(0) instanceof Value.Str sep) || !(positional.get(1) instanceof Value.ListV l)) {
          throw ev.fail(Code.BAD_ARGUMENT, c.span(), "join(separator, list) takes a string and a list", null);
        }
        var parts = new ArrayList<String>();
        long length = 0;
        for (Value v : l.items()) {
          String t = Values.text(v);
          if (t == null) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "join() cannot join a " + v.typeName(), null);
          length += t.length() + sep.value().length();
          if (length > Evaluator.MAX_STRING) throw ev.fail(Code.EVALUATION_LIMIT, c.span(), "string grows past " + Evaluator.MAX_STRING + " characters", null);
          parts.add(t);
        }
        yield new Value.Str(String.join(sep.value(), parts));
      }
      case "concat" -> {
        var out = new ArrayList<Value>();
        for (Value v : positional) {
          if (!(v instanceof Value.ListV l)) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "concat() takes lists", null);
          if ((long) out.size() + l.items().size() > Evaluator.MAX_ITEMS) throw ev.fail(Code.EVALUATION_LIMIT, c.span(), "list grows past " + Evaluator.MAX_ITEMS + " items", null);
          out.addAll(l.items());
        }
        yield new Value.ListV(out);
      }
      case "contains" -> {
        arity(ev, c, positional, 2);
        if (!(positional.get(0) instanceof Value.ListV l)) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "contains(list, value) takes a list first", null);
        yield new Value.Bool(l.items().contains(positional.get(1)));
      }
      case "keys", "values" -> {
        arity(ev, c, positional, 1);
        if (!(positional.get(0) instanceof Value.Obj o)) throw ev.fail(Code.BAD_ARGUMENT, c.span(), fn.name() + "() takes a map", null);
        yield new Value.ListV(fn.name().equals("keys") ? o.fields().keySet().stream().map(k -> (Value) new Value.Str(k)).toList() : List.copyOf(o.fields().values()));
      }
      case "lower", "upper" -> {
        arity(ev, c, positional, 1);
        if (!(positional.get(0) instanceof Value.Str s)) throw ev.fail(Code.BAD_ARGUMENT, c.span(), fn.name() + "() takes a string", null);
        yield new Value.Str(fn.name().equals("lower") ? s.value().toLowerCase(java.util.Locale.ROOT) : s.value().toUpperCase(java.util.Locale.ROOT));
      }
      default -> throw ev.fail(Code.UNKNOWN_FUNCTION, fn.span(), "unknown function `" + fn.name() + "`",
          java.util.Objects.requireNonNullElse(Spelling.didYouMean(fn.name(), NAMES), "built-ins are " + String.join(", ", NAMES)));
    };
  }

  private static void arity(Evaluator ev, Expr.Call c, List<Value> args, int n) {
    if (args.size() != n) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "expected " + n + " argument" + (n == 1 ? "" : "s") + ", found " + args.size(), null);
  }

  /** env("NAME"): only where the value becomes a secret param, so environment values never leak into plain config. */
  private static Value env(Evaluator ev, Expr.Call c, List<Value> args) {
    arity(ev, c, args, 1);
    if (!(args.get(0) instanceof Value.Str name)) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "env() takes the variable's name as a string", null);
    if (ev.currentParam() == null) {
      throw ev.fail(Code.SECRET_MISUSE, c.span(), "env() is only allowed as the default of a `secret` param",
          "declare `param x: secret string = env(\"" + name.value() + "\")` and use `x`");
    }
    return new Value.Secret("env " + name.value(), ev.environment().apply(name.value()));
  }

  /** nodes(role: r): the declared nodes, sorted by name, optionally those with a role. */
  private static Value nodes(Evaluator ev, Expr.Call c, List<Value> positional, Map<String, Value> named) {
    if (ev.isExpanding()) {
      throw ev.fail(Code.CYCLE, c.span(), "nodes() cannot be used to decide which blocks exist", "loops and conditions that generate blocks may use params and lets");
    }
    if (!positional.isEmpty() || named.keySet().stream().anyMatch(k -> !k.equals("role"))) {
      throw ev.fail(Code.BAD_ARGUMENT, c.span(), "nodes() takes only `role:`", "e.g. nodes(role: worker)");
    }
    Value role = named.get("role");
    if (role == null) return new Value.ListV(List.copyOf(ev.entitiesOfKind("node")));
    String want = role instanceof Value.EnumV e ? e.member() : Values.text(role);
    if (want == null) return new Value.ListV(List.of());
    // Computed once per role (a failure is not kept: it is reported where it happens).
    return ev.nodesWithRole(want, w -> {
      var out = new ArrayList<Value>();
      for (Value.Ref r : ev.entitiesOfKind("node")) {
        Value roles = ev.attributeOf(r, "roles");
        if (roles instanceof Value.ListV l && l.items().stream().anyMatch(x -> x instanceof Value.EnumV e && e.member().equals(w))) out.add(r);
      }
      return new Value.ListV(out);
    });
  }
}

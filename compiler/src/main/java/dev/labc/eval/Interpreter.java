package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Spelling;
import dev.labc.eval.Declarations.TopDecl;
import dev.labc.eval.Expansion.EntityDecl;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.Units;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The interpretation of expressions: literals, names (through {@link Bindings}, locals first),
 * members, indexing, operators, comprehensions, interpolation and the calls of builtins; each
 * expression counts a step against the run's budget.
 */
final class Interpreter {
  private final EvalState st;
  private final Evaluator ev;

  Interpreter(EvalState st, Evaluator ev) {
    this.st = st;
    this.ev = ev;
  }

  Value eval(Expr e, Env env) {
    st.step(e.span());
    return switch (e) {
      case Expr.Int i -> new Value.Int(i.value());
      case Expr.Float f -> new Value.Flt(f.value());
      case Expr.Unit u -> QuantityBounds.check(new Value.Quantity(Units.kindOf(u.unit()), u.number().multiply(Units.factor(u.unit())), u.numberText() + u.unit()), u.span(), st::fail);
      case Expr.Bool b -> new Value.Bool(b.value());
      case Expr.Null n -> new Value.Null();
      case Expr.Ip ip -> new Value.Ip(ip.text());
      case Expr.Cidr c -> new Value.Cidr(c.text());
      case Expr.Str s -> string(s.parts(), env, s.span());
      case Expr.Heredoc h -> string(h.parts(), env, h.span());
      case Expr.Name n -> name(n, env);
      case Expr.Member m -> member(m, env);
      case Expr.Index ix -> index(ix, env);
      case Expr.Call c -> Builtins.call(ev, c, env);
      case Expr.Unary u -> unary(u, env);
      case Expr.Binary b -> Operators.binary(ev, b, env);
      case Expr.Conditional c -> truthy(eval(c.condition(), env), c.condition().span()) ? eval(c.then(), env) : eval(c.otherwise(), env);
      case Expr.Paren p -> eval(p.inner(), env);
      case Expr.ListLit l -> {
        var items = new ArrayList<Value>(l.items().size());
        for (Expr x : l.items()) items.add(eval(x, env));
        yield new Value.ListV(items);
      }
      case Expr.ObjectLit o -> {
        var fields = new TreeMap<String, Value>();
        for (Expr.ObjectEntry en : o.entries()) {
          String k = en.key() instanceof Expr.Name n ? n.name() : Values.text(eval(en.key(), env));
          if (k == null) throw st.fail(Code.TYPE_MISMATCH, en.key().span(), "object keys must be text", null);
          if (fields.put(k, eval(en.value(), env)) != null) throw st.fail(Code.DUPLICATE_DECLARATION, en.key().span(), "key `" + k + "` appears twice", null);
        }
        yield new Value.Obj(fields);
      }
      case Expr.ListFor f -> {
        var out = new ArrayList<Value>();
        forEach(eval(f.iterable(), env), f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
          if (f.guard() != null && !truthy(eval(f.guard(), inner), f.guard().span())) return;
          if (out.size() >= Evaluator.MAX_ITEMS) throw st.fail(Code.EVALUATION_LIMIT, f.span(), "list grows past " + Evaluator.MAX_ITEMS + " items", null);
          out.add(eval(f.body(), inner));
        });
        yield new Value.ListV(out);
      }
      case Expr.MapFor f -> {
        var out = new TreeMap<String, Value>();
        forEach(eval(f.iterable(), env), f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
          if (f.guard() != null && !truthy(eval(f.guard(), inner), f.guard().span())) return;
          String k = Values.text(eval(f.keyExpr(), inner));
          if (k == null) throw st.fail(Code.TYPE_MISMATCH, f.keyExpr().span(), "map keys must be text", null);
          if (out.put(k, eval(f.valueExpr(), inner)) != null) throw st.fail(Code.DUPLICATE_DECLARATION, f.keyExpr().span(), "key `" + k + "` produced twice", "make the key expression unique per item");
        });
        yield new Value.Obj(out);
      }
      case Expr.Bad b -> throw st.fail(Code.UNEXPECTED_TOKEN, b.span(), "cannot evaluate an expression with syntax errors", null);
    };
  }

  void forEach(Value it, Span at, String keyVar, String valueVar, Env env, java.util.function.Consumer<Env> body) {
    switch (it) {
      case Value.ListV l -> {
        for (int i = 0; i < l.items().size(); i++) {
          st.step(at);
          Env inner = keyVar == null ? env.bind(valueVar, l.items().get(i)) : env.bind(keyVar, new Value.Int(i)).bind(valueVar, l.items().get(i));
          body.accept(inner);
        }
      }
      case Value.Obj o -> {
        for (var en : o.fields().entrySet()) {
          st.step(at);
          Env inner = keyVar == null ? env.bind(valueVar, new Value.Str(en.getKey())) : env.bind(keyVar, new Value.Str(en.getKey())).bind(valueVar, en.getValue());
          body.accept(inner);
        }
      }
      default -> throw st.fail(Code.TYPE_MISMATCH, at, "`for` needs a list or a map, found " + it.typeName(), "write a range as `1..n`");
    }
  }

  boolean truthy(Value v, Span at) {
    if (v instanceof Value.Bool b) return b.value();
    throw st.fail(Code.TYPE_MISMATCH, at, "expected a bool, found " + v.typeName(), null);
  }

  private Value string(List<Expr.StringPart> parts, Env env, Span at) {
    var sb = new StringBuilder();
    var taint = new Taint();
    for (Expr.StringPart p : parts) {
      switch (p) {
        case Expr.Text t -> sb.append(t.value());
        case Expr.Interpolation in -> {
          Value v = eval(in.expr(), env);
          if (v instanceof Value.Secret s) {
            // A string built from a secret is itself secret; its text never leaves the value.
            sb.append(taint.read(s));
            continue;
          }
          String text = Values.text(v);
          if (text == null) {
            throw st.fail(Code.TYPE_MISMATCH, in.span(), "cannot put a " + v.typeName() + " into a string", "interpolate text, numbers, quantities, addresses or names; use join() for lists");
          }
          sb.append(text);
        }
      }
      if (sb.length() > Evaluator.MAX_STRING) throw st.fail(Code.EVALUATION_LIMIT, at, "string grows past " + Evaluator.MAX_STRING + " characters", null);
    }
    return taint.result(sb.toString());
  }

  private Value name(Expr.Name n, Env env) {
    String name = n.name();
    Value local = env.lookup(name);
    if (local != null) return local;
    switch (st.bindings.outer(n.span(), name)) {
      case Binding.ModuleParam mp -> {
        Value p = st.moduleParamValues.getOrDefault(mp.module(), Map.of()).get(name);
        if (p == null && st.refusedModuleParams.contains(mp.module() + "\0" + name)) throw EvalError.alreadyReported();
        if (p == null) throw paramWithoutValue(n);
        return p;
      }
      case Binding.Let l -> { return let(name); }
      case Binding.Param pa -> {
        Value p = st.paramValues.get(name);
        if (p == null) throw paramWithoutValue(n);
        return p;
      }
      default -> { }
    }
    Set<String> kinds = st.entitiesByName.get(name);
    if (kinds != null && !st.expanding) {
      if (kinds.size() > 1) {
        throw st.fail(Code.UNKNOWN_NAME, n.span(), "`" + name + "` names several things: " + String.join(", ", kinds.stream().sorted().map(k -> k + "." + name).toList()),
            "say which by its kind: " + String.join(" or ", kinds.stream().sorted().map(k -> "`" + k + "." + name + "`").toList()));
      }
      return new Value.Ref(kinds.iterator().next(), name);
    }
    for (Type.EnumT en : st.enums.values()) {
      if (en.members().contains(name)) return new Value.EnumV(en.name(), name);
    }
    if (st.expanding && entityDeclNames().contains(name)) {
      throw st.fail(Code.CYCLE, n.span(), "`" + name + "` cannot be used to decide which blocks exist", "loops and conditions that generate blocks may use params and lets, not other blocks");
    }
    throw st.fail(Code.UNKNOWN_NAME, n.span(), "unknown name `" + name + "`", unknownNameHint(name, env));
  }

  private EvalError paramWithoutValue(Expr.Name n) {
    if (st.currentParam != null) return st.fail(Code.CYCLE, n.span(), "param `" + st.currentParam + "` cannot depend on param `" + n.name() + "`", "params take their values from outside; use a `let` to combine them");
    return st.fail(Code.UNKNOWN_NAME, n.span(), "param `" + n.name() + "` has no value", null);
  }

  /** "Did you mean" hints for unknown names, by name and the local names in scope. */
  private final Map<String, Optional<String>> unknownNameHints = new HashMap<>();

  /**
   * The hint for an unknown name, computed once per name (and loop variables in scope): a typo
   * inside a `for` over 20,000 nodes would otherwise scan every name in scope 20,000 times.
   */
  private String unknownNameHint(String name, Env env) {
    List<String> locals = env.names();
    // While blocks are still being declared the names in scope grow; those hints are not kept for after.
    return unknownNameHints.computeIfAbsent(st.expanding + "\0" + name + "\0" + String.join("\0", locals), k -> {
      var candidates = new ArrayList<String>(locals);
      candidates.addAll(st.lets.keySet());
      candidates.addAll(st.params.keySet());
      candidates.addAll(st.entitiesByName.keySet());
      st.enums.values().forEach(en -> candidates.addAll(en.members()));
      String hint = Spelling.didYouMean(name, candidates);
      if (hint == null && name.contains("-") && name.matches(".*[A-Za-z0-9_]-[A-Za-z0-9_].*")) {
        hint = "names may contain `-`; for subtraction put spaces around it: `" + name.replace("-", " - ") + "`";
      }
      return Optional.ofNullable(hint);
    }).orElse(null);
  }

  private Set<String> entityDeclNames() {
    var out = new HashSet<String>();
    for (TopDecl d : st.topDecls) if (d.stmt() instanceof Stmt.Block b && b.label() instanceof Expr.Name nm) out.add(nm.name());
    return out;
  }

  Value let(String name) {
    Value v = st.letValues.get(name);
    if (v != null) return v;
    Stmt.Let l = st.lets.get(name);
    st.enter("let " + name, l.span());
    try {
      v = eval(l.value(), Env.EMPTY);
      st.letValues.put(name, v);
      return v;
    } finally {
      st.exit("let " + name);
    }
  }

  private Value member(Expr.Member m, Env env) {
    Value.Ref qualified = qualifiedReference(m, env);
    if (qualified != null) return qualified;
    Value target = eval(m.target(), env);
    String name = m.member().name();
    return switch (target) {
      case Value.Ref r -> {
        if (name.equals("name")) yield new Value.Str(r.name());
        Schema s = st.schemas.get(r.kind());
        if (s == null || !s.fields().containsKey(name)) {
          throw st.fail(Code.UNKNOWN_ATTRIBUTE, m.member().span(), "`" + r.kind() + "` has no attribute `" + name + "`", s == null ? null : Attributes.hintFields(name, s));
        }
        yield ev.attribute(r.kind() + "." + r.name(), name);
      }
      case Value.Obj o -> {
        Value v = o.fields().get(name);
        if (v == null) throw st.fail(Code.UNKNOWN_ATTRIBUTE, m.member().span(), "no field `" + name + "`", Spelling.didYouMean(name, o.fields().keySet()));
        yield v;
      }
      case Value.Cidr c when name.equals("prefix") -> new Value.Int(Long.parseLong(c.text().substring(c.text().indexOf('/') + 1)));
      default -> throw st.fail(Code.TYPE_MISMATCH, m.member().span(), "a " + target.typeName() + " has no attribute `" + name + "`", null);
    };
  }

  /**
   * `KIND.NAME` (`user.labops`, `group.labops`): a top-level block named by its kind, so a user and
   * a group may share a name. Only when KIND is a declarable kind that no local, let, param or
   * block of that name shadows; `node.name` on a block called `node` keeps meaning its attribute.
   */
  private Value.Ref qualifiedReference(Expr.Member m, Env env) {
    if (!(m.target() instanceof Expr.Name k) || st.expanding) return null;
    String kind = k.name();
    Schema schema = st.schemas.get(kind);
    if (schema == null || !schema.isKind() || env.lookup(kind) != null || st.entitiesByName.containsKey(kind)) return null;
    if (!(st.bindings.outer(k.span(), kind) instanceof Binding.Global)) return null;
    String name = m.member().name();
    if (st.entityDecls.containsKey(kind + "." + name)) return new Value.Ref(kind, name);
    var candidates = st.entityDecls.values().stream().filter(d -> d.kind().equals(kind)).map(EntityDecl::name).toList();
    String hint = Spelling.didYouMean(name, candidates);
    throw st.fail(Code.UNKNOWN_NAME, m.member().span(), "no " + kind + " named `" + name + "`",
        hint != null ? hint : candidates.isEmpty() ? "no `" + kind + "` block is declared" : "the " + kind + " blocks are " + String.join(", ", candidates.stream().limit(8).toList()));
  }

  private Value index(Expr.Index ix, Env env) {
    Value target = eval(ix.target(), env);
    Value key = eval(ix.index(), env);
    if (target instanceof Value.ListV l && key instanceof Value.Int i) {
      if (i.value() < 0 || i.value() >= l.items().size()) {
        throw st.fail(Code.OUT_OF_RANGE, ix.index().span(), "index " + i.value() + " is out of range for a list of " + l.items().size(), null);
      }
      return l.items().get((int) i.value());
    }
    if (target instanceof Value.Obj o && Values.text(key) != null) {
      Value v = o.fields().get(Values.text(key));
      if (v == null) throw st.fail(Code.UNKNOWN_ATTRIBUTE, ix.index().span(), "no key `" + Values.text(key) + "`", Spelling.didYouMean(Values.text(key), o.fields().keySet()));
      return v;
    }
    throw st.fail(Code.TYPE_MISMATCH, ix.span(), "cannot index a " + target.typeName() + " with a " + key.typeName(), null);
  }

  private Value unary(Expr.Unary u, Env env) {
    Value v = eval(u.operand(), env);
    return switch (u.op()) {
      case NOT -> new Value.Bool(!truthy(v, u.operand().span()));
      case NEG -> switch (v) {
        case Value.Int i -> new Value.Int(-i.value());
        case Value.Flt f -> new Value.Flt(-f.value());
        case Value.Quantity q -> new Value.Quantity(q.dimension(), q.base().negate(), "-" + q.text());
        default -> throw st.fail(Code.TYPE_MISMATCH, u.span(), "cannot negate a " + v.typeName(), null);
      };
    };
  }
}

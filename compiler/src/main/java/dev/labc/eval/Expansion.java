package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.diag.Spelling;
import dev.labc.eval.Declarations.TopDecl;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Stmt;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expansion stage: runs the top-level `for`s and `if`s and declares each block they make
 * under its address, with its body's items collected (nothing is evaluated but what decides which
 * blocks and items exist). Writes the block tables of {@link EvalState}.
 */
final class Expansion {
  private final EvalState st;
  private final Interpreter interpreter;

  /** A top-level block to evaluate: its body items with the loop variables in force. */
  record EntityDecl(String kind, String name, Stmt.Block block, Env env, Map<String, Item> items) {}

  /**
   * One attribute or nested block of an entity body, with its environment; {@code repeats} holds
   * the further blocks of the same name (entries of a list-of-records attribute, often from a `for`).
   */
  record Item(String name, Stmt stmt, Env env, List<Item> repeats) {
    Item(String name, Stmt stmt, Env env) { this(name, stmt, env, new ArrayList<>()); }
  }

  Expansion(EvalState st, Interpreter interpreter) {
    this.st = st;
    this.interpreter = interpreter;
  }

  void expandEntities() {
    st.expanding = true;
    for (TopDecl d : st.topDecls) {
      try {
        expand(d.stmt(), Env.EMPTY);
      } catch (EvalError e) {
        st.report(e);
      }
    }
    st.expanding = false;
  }

  private void expand(Stmt s, Env env) {
    switch (s) {
      case Stmt.Block b -> declareEntity(b, env);
      case Stmt.For f -> {
        Value it = interpreter.eval(f.iterable(), env);
        interpreter.forEach(it, f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
          if (f.guard() != null && !interpreter.truthy(interpreter.eval(f.guard(), inner), f.guard().span())) return;
          expandBody(f.body(), inner);
        });
      }
      case Stmt.If i -> {
        boolean c = interpreter.truthy(interpreter.eval(i.condition(), env), i.condition().span());
        expandBody(c ? i.then() : i.otherwise(), env);
      }
      default -> st.diags.error(Code.MISPLACED_DECLARATION, s.span(), "only blocks may appear inside a top-level `for` or `if`", null);
    }
  }

  /** The body of a top-level `for` or `if`: a `let` there binds a name for the statements after it. */
  private void expandBody(List<Stmt> body, Env env) {
    for (Stmt b : body) {
      if (b instanceof Stmt.Let l) {
        env = env.bind(l.name().name(), interpreter.eval(l.value(), env));
      } else {
        expand(b, env);
      }
    }
  }

  private void declareEntity(Stmt.Block b, Env env) {
    String kind = b.kind().name();
    Schema schema = st.schemas.get(kind);
    if (schema == null || !schema.isKind()) {
      var kinds = st.schemas.values().stream().filter(Schema::isKind).map(Schema::name).toList();
      String hint = Spelling.didYouMean(kind, kinds);
      if (schema == null && st.resolver.stdlib("std/" + kind).isPresent()) {
        st.diags.error(Code.UNKNOWN_KIND, b.kind().span(), "unknown kind `" + kind + "`",
            "`" + kind + "` is declared in the stdlib: add `import \"std/" + kind + "\"` at the top of the file");
        return;
      }
      st.diags.error(Code.UNKNOWN_KIND, b.kind().span(), "unknown kind `" + kind + "`",
          (hint != null ? hint + " " : "") + (schema != null ? "`" + kind + "` is a record type, written inside a block" : "declare it with `@kind schema " + kind + " { ... }` or import the module that does"));
      return;
    }
    String name = b.label() == null ? kind : labelText(b.label(), env);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      st.diags.error(Code.TYPE_MISMATCH, b.label().span(), "`" + name + "` is not a valid name", "names start with a letter and hold letters, digits, `-`, `_` and `.`");
      return;
    }
    declareEntity(b, env, schema, name);
  }

  /** Records block {@code b} under {@code name}; false when it cannot be (declared twice, past the limit). */
  private boolean declareEntity(Stmt.Block b, Env env, Schema schema, String name) {
    String kind = b.kind().name();
    String addr = kind + "." + name;
    // Duplicates count too: a `for` redeclaring 20,000 names 2,000 times made 5 million
    // "declared twice" errors (17 s of CPU, found by the fuzz campaign on seed 119).
    if (++st.blocksDeclared > Evaluator.MAX_ENTITIES) {
      throw st.fail(Code.EVALUATION_LIMIT, b.kind().span(), "the program declares more than " + String.format(java.util.Locale.ROOT, "%,d", Evaluator.MAX_ENTITIES) + " blocks",
          "no cluster has that many; check the bounds of the `for` making them");
    }
    if (st.entityDecls.containsKey(addr)) {
      st.diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, b.label() == null ? b.kind().span() : b.label().span(), "`" + addr + "` is declared twice", "each " + kind + " needs its own name")
          .withRelated(new Related(st.entityDecls.get(addr).block().span(), "first declared here")));
      return false;
    }
    if (st.entityDecls.size() >= Evaluator.MAX_ENTITIES) {
      // Thrown, not collected: it ends the `for` making the blocks instead of failing each pass.
      throw st.fail(Code.EVALUATION_LIMIT, b.kind().span(), "the program declares more than " + String.format(java.util.Locale.ROOT, "%,d", Evaluator.MAX_ENTITIES) + " blocks",
          "no cluster has that many; check the bounds of the `for` making them");
    }
    var items = new LinkedHashMap<String, Item>();
    collectItems(b.body(), env, items, addr, schema);
    st.entityDecls.put(addr, new EntityDecl(kind, name, b, env, items));
    st.entitiesByName.computeIfAbsent(name, k -> new HashSet<>()).add(kind);
    return true;
  }

  /** Declares a block a body makes under its qualified {@code name}, checked as a top-level one; false if refused. */
  boolean declareBodyBlock(Stmt.Block b, Env env, String name) {
    Schema schema = st.schemas.get(b.kind().name());
    if (schema == null || !schema.isKind()) {
      declareEntity(b, env); // reports the unknown kind, with its hint
      return false;
    }
    return declareEntity(b, env, schema, name);
  }

  /**
   * The attributes and nested blocks of a body, with `if`, `for` and `let` applied: a `for` repeats
   * its body once per element, so it can make several blocks of a list-of-records attribute.
   */
  void collectItems(List<Stmt> body, Env env, Map<String, Item> items, String owner, Schema schema) {
    for (Stmt s : body) {
      switch (s) {
        case Stmt.Attribute a -> putItem(items, new Item(a.name().name(), a, env), a.name().span(), owner, schema);
        case Stmt.Block nb -> putItem(items, new Item(nb.kind().name(), nb, env), nb.kind().span(), owner, schema);
        case Stmt.If i -> {
          boolean c = interpreter.truthy(interpreter.eval(i.condition(), env), i.condition().span());
          collectItems(c ? i.then() : i.otherwise(), env, items, owner, schema);
        }
        case Stmt.Let l -> env = env.bind(l.name().name(), interpreter.eval(l.value(), env));
        case Stmt.For f -> {
          Value it = interpreter.eval(f.iterable(), env);
          interpreter.forEach(it, f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
            if (f.guard() != null && !interpreter.truthy(interpreter.eval(f.guard(), inner), f.guard().span())) return;
            collectItems(f.body(), inner, items, owner, schema);
          });
        }
        default -> st.diags.error(Code.MISPLACED_DECLARATION, s.span(), "not allowed inside a block", null);
      }
    }
  }

  private void putItem(Map<String, Item> items, Item item, Span span, String owner, Schema schema) {
    Item prev = items.putIfAbsent(item.name(), item);
    if (prev == null) return;
    Schema.Field field = schema == null ? null : schema.fields().get(item.name());
    // Blocks the schema does not have are reported once, as unknown, not again as repeated.
    if (prev.stmt() instanceof Stmt.Block && item.stmt() instanceof Stmt.Block && (field == null || listOfRecords(field.type()) != null)) {
      prev.repeats().add(item);
      return;
    }
    String message = "`" + item.name() + "` is set twice in `" + owner + "`";
    String hint = "keep one";
    if (prev.stmt() == item.stmt()) {
      // The same statement again: a `for` around it ran more than once.
      message = "`" + item.name() + "` is set on more than one pass of a `for` in `" + owner + "`";
      hint = item.stmt() instanceof Stmt.Block && field != null
          ? "`" + item.name() + "` takes a single " + (field.type() instanceof Type.OptionalT o ? o.inner() : field.type()).describe()
              + " block; only list-of-records attributes take one block per pass"
          : "a `for` inside a block repeats blocks; to build a list, write `" + item.name() + " = [for x in xs : ...]`";
    }
    st.diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, span, message, hint)
        .withRelated(new Related(prev.stmt().span(), "first set here")));
  }

  /** The record type of a list-of-records field such as `address_pools: list(docker_pool)`, else null. */
  static Type listOfRecords(Type t) {
    if (t instanceof Type.OptionalT o) t = o.inner();
    if (t instanceof Type.ListT l) {
      Type e = l.element() instanceof Type.OptionalT o ? o.inner() : l.element();
      if (e instanceof Type.RecordT) return l.element();
    }
    return null;
  }

  String labelText(Expr label, Env env) {
    return switch (label) {
      case Expr.Name n -> n.name();
      default -> {
        Value v = interpreter.eval(label, env);
        String t = Values.text(v);
        if (t == null) throw st.fail(Code.TYPE_MISMATCH, label.span(), "a block label must be text, found " + v.typeName(), null);
        yield t;
      }
    };
  }
}

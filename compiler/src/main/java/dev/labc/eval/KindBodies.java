package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.syntax.Stmt;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The stage after blocks are evaluated: each block of a kind whose schema has a body (an instance,
 * `jupyterhub main`) becomes the blocks that body declares, as the NixOS module system turns a
 * service's options into files, users and units. The body sees the instance's fields by name and
 * the instance as {@code self}; the blocks it declares are named after the instance
 * (`file.jupyterhub.main.config`), so two instances never collide, and their steps count as the
 * instance's (for `after`, watchers and conflicts). A body may declare blocks of kinds with bodies.
 */
final class KindBodies {
  /** How deep kinds may declare blocks of kinds with bodies: deeper is a kind expanding into itself. */
  static final int MAX_DEPTH = 8;

  /**
   * Kinds whose label is the thing's name on a host (an account, a group): their blocks keep it,
   * unprefixed, so two instances declaring one account is "declared twice", as two top-level blocks are.
   */
  static final java.util.Set<String> NAMED_BY_LABEL = java.util.Set.of("user", "group", "node");

  private final Evaluator ev;

  KindBodies(Evaluator ev) { this.ev = ev; }

  /** Adds to {@code entities} the blocks the bodies of its instances declare, and theirs in turn. */
  void expand(SortedMap<String, Entity> entities) {
    checkBodies();
    for (Entity e : List.copyOf(entities.values())) {
      if (hasBody(e.kind())) instance(e, entities, 1);
    }
  }

  /** The blocks {@code e}'s body declares, if its kind has one, added to {@code entities}. */
  void expandInstance(Entity e, SortedMap<String, Entity> entities) {
    if (hasBody(e.kind())) instance(e, entities, 1);
  }

  private boolean hasBody(String kind) {
    Stmt.Schema decl = ev.schemaDecl(kind);
    Schema schema = ev.schema(kind);
    return decl != null && !decl.body().isEmpty() && schema != null && schema.isKind();
  }

  /**
   * Mistakes a body shows whether or not any block uses the kind: a body on a record schema (it
   * would be silently ignored) and attributes among the body's blocks.
   */
  private void checkBodies() {
    for (Stmt.Schema decl : ev.schemaDecls()) {
      Schema schema = ev.schema(decl.name().name());
      if (decl.body().isEmpty() || schema == null) continue;
      if (!schema.isKind()) {
        ev.report(Diagnostic.error(Code.MISPLACED_DECLARATION, decl.body().get(0).span(),
            "schema `" + decl.name().name() + "` has a body but is not a kind",
            "only a `@kind schema` declares blocks; mark it `@kind`, or move the blocks out"));
        continue;
      }
      attributesIn(decl.body());
    }
  }

  private void attributesIn(List<Stmt> body) {
    for (Stmt s : body) {
      switch (s) {
        case Stmt.Attribute a -> ev.report(Diagnostic.error(Code.MISPLACED_DECLARATION, a.span(),
            "attribute `" + a.name().name() + "` in a kind's body",
            "a kind's body declares blocks; set `" + a.name().name() + "` inside one of them, or name a value with `let`"));
        case Stmt.For f -> attributesIn(f.body());
        case Stmt.If i -> {
          attributesIn(i.then());
          attributesIn(i.otherwise());
        }
        default -> { }
      }
    }
  }

  private void instance(Entity owner, SortedMap<String, Entity> entities, int depth) {
    Stmt.Schema decl = ev.schemaDecl(owner.kind());
    if (depth > MAX_DEPTH) {
      ev.report(Diagnostic.error(Code.CYCLE, owner.span(), "kind `" + owner.kind() + "` declares blocks of kinds with bodies more than "
          + MAX_DEPTH + " deep (" + String.join(" -> ", owner.owners()) + " -> " + owner.address() + ")",
          "a kind's body must not declare, directly or through other kinds, a block of its own kind"));
      return;
    }
    String prefix = owner.kind() + "." + owner.name() + ".";
    Env fields = Env.EMPTY.bind("self", new Value.Ref(owner.kind(), owner.name()));
    for (Schema.Field f : ev.schema(owner.kind()).fields().values()) fields = fields.bind(f.name(), owner.get(f.name()));
    for (Entity e : body(decl.body(), fields, prefix)) {
      e = e.ownedBy(owner);
      entities.put(e.address(), e);
      if (hasBody(e.kind())) instance(e, entities, depth + 1);
    }
  }

  /**
   * The blocks of a body (a kind's, or an instanced module's), named with {@code prefix}, evaluated
   * with {@code names} in force. All are declared before any is evaluated, so they may refer to
   * each other (`file.unit.path`).
   */
  List<Entity> body(List<Stmt> body, Env names, String prefix) {
    // Pass 1: the blocks' names, so the body may refer to its own blocks as `file.config`.
    var declared = new TreeMap<String, SortedMap<String, Value>>();
    walk(body, names, (b, env) -> declared.computeIfAbsent(b.kind().name(), k -> new TreeMap<>())
        .put(ev.label(b, env), new Value.Ref(b.kind().name(), qualified(prefix, b, ev.label(b, env)))));
    Env env0 = names;
    for (var en : declared.entrySet()) env0 = env0.bind(en.getKey(), new Value.Obj(en.getValue()));
    // Pass 2: each block declared as a top-level one would be, then evaluated.
    record Declared(String kind, String name, String label) {}
    var made = new ArrayList<Declared>();
    walk(body, env0, (b, env) -> {
      String label = ev.label(b, env);
      String name = qualified(prefix, b, label);
      if (ev.declareBodyBlock(b, env, name)) made.add(new Declared(b.kind().name(), name, label));
    });
    var out = new ArrayList<Entity>();
    for (Declared d : made) {
      Entity e = ev.evaluateBodyBlock(d.kind(), d.name());
      if (e != null) out.add(namedByLabel(e, d.label()));
    }
    return out;
  }

  private static String qualified(String prefix, Stmt.Block b, String label) {
    return NAMED_BY_LABEL.contains(b.kind().name()) ? label : prefix + label;
  }

  /**
   * A `package` or `service` (any kind with an optional text `name`, but `command`) is named by its block's label
   * when `name` is unset, as at the top level; the block's own name carries the instance's prefix.
   */
  private Entity namedByLabel(Entity e, String label) {
    // A command keeps its instance's prefix: two instances' commands of one label are two commands.
    if (e.kind().equals("command")) return e;
    Schema.Field nameField = ev.schema(e.kind()).fields().get("name");
    if (nameField == null || !(e.get("name") instanceof Value.Null)) return e;
    Type t = nameField.type() instanceof Type.OptionalT o ? o.inner() : nameField.type();
    if (!(t instanceof Type.Prim p && p.kind() == Type.Kind.STRING)) return e;
    var attrs = new TreeMap<>(e.attributes());
    attrs.put("name", new Value.Str(label));
    return new Entity(e.kind(), e.name(), e.span(), attrs, e.attributeSpans(), e.annotations(), e.owners());
  }

  /** The blocks of a body with its `let`, `for` and `if` applied, each with the names in force there. */
  private void walk(List<Stmt> body, Env env, BiConsumer<Stmt.Block, Env> block) {
    for (Stmt s : body) {
      try {
        switch (s) {
          case Stmt.Let l -> env = env.bind(l.name().name(), ev.eval(l.value(), env));
          case Stmt.Block b -> block.accept(b, env);
          case Stmt.If i -> walk(ev.truthy(ev.eval(i.condition(), env), i.condition().span()) ? i.then() : i.otherwise(), env, block);
          case Stmt.For f -> {
            Value it = ev.eval(f.iterable(), env);
            ev.forEach(it, f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
              if (f.guard() == null || ev.truthy(ev.eval(f.guard(), inner), f.guard().span())) walk(f.body(), inner, block);
            });
          }
          // attributes are reported once per kind (checkBodies); import, param, schema and enum while parsing.
          case Stmt.Attribute a -> { }
          case Stmt.Import im -> { }
          case Stmt.Param p -> { }
          case Stmt.Schema sc -> { }
          case Stmt.Enum en -> { }
        }
      } catch (EvalError e) {
        ev.report(e);
      }
    }
  }
}

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
    var at = new Instance(owner.kind() + " `" + owner.name() + "`", owner.span());
    for (Entity e : body(decl.body(), fields, prefix, at)) {
      Entity put = put(entities, e, owner, at);
      if (put != null && hasBody(put.kind())) instance(put, entities, depth + 1);
    }
  }

  /**
   * The blocks of a body (a kind's, or an instanced module's), named with {@code prefix}, evaluated
   * with {@code names} in force. All are declared before any is evaluated, so they may refer to
   * each other (`file.unit.path`).
   */
  List<Entity> body(List<Stmt> body, Env names, String prefix, Instance instance) {
    // Pass 1: the blocks' names, so the body may refer to its own blocks as `file.config`.
    var declared = new TreeMap<String, SortedMap<String, Value>>();
    walk(body, names, (b, env) -> declared.computeIfAbsent(b.kind().name(), k -> new TreeMap<>())
        .put(ev.label(b, env), new Value.Ref(b.kind().name(), qualified(prefix, b, ev.label(b, env)))));
    Env env0 = names;
    for (var en : declared.entrySet()) env0 = env0.bind(en.getKey(), new Value.Obj(en.getValue()));
    // Pass 2: each block declared as a top-level one would be, then evaluated.
    // An account (user, group, node) this statement already declared for another instance is
    // declared again under the instance's prefix, evaluated, and merged into the first (mergeAccount).
    record Declared(String kind, String name, String label, boolean again) {}
    var made = new ArrayList<Declared>();
    walk(body, env0, (b, env) -> {
      String label = ev.label(b, env);
      String name = qualified(prefix, b, label);
      boolean again = NAMED_BY_LABEL.contains(b.kind().name()) && ev.declaringStatement(b.kind().name() + "." + name) == b;
      if (again) name = prefix + label;
      if (ev.declareBodyBlock(b, env, name)) made.add(new Declared(b.kind().name(), name, label, again));
    });
    var out = new ArrayList<Entity>();
    for (Declared d : made) {
      Entity e = ev.evaluateBodyBlock(d.kind(), d.name());
      if (d.again()) {
        // Only its values are needed: put() merges them into the first declaration.
        ev.forgetBodyBlock(d.kind(), d.name());
        if (e != null) out.add(new Entity(e.kind(), d.label(), e.span(), e.attributes(), e.attributeSpans(), e.annotations(), e.owners()));
        continue;
      }
      if (e != null) out.add(namedByLabel(e, d.label()));
    }
    return out;
  }

  /**
   * Puts a block a body made for {@code instance} (of {@code owner}, a kind's instance, or null for
   * a module instance) into {@code entities}; an account met before is merged into the first
   * declaration instead. Returns the block put, or null when it was merged or refused.
   */
  Entity put(SortedMap<String, Entity> entities, Entity e, Entity owner, Instance instance) {
    if (owner != null) e = inheritOn(owner, e);
    Entity prior = entities.get(e.address());
    if (prior != null) {
      // declareBodyBlock refused every other clash: this is an account declared again (body()).
      Entity merged = mergeAccount(prior, e, instance);
      if (merged != null) entities.put(merged.address(), merged);
      return null;
    }
    if (owner != null) e = e.ownedBy(owner);
    if (NAMED_BY_LABEL.contains(e.kind())) firstDeclaredBy.putIfAbsent(e.address(), instance);
    entities.put(e.address(), e);
    return e;
  }

  /** Where a body is expanded for (a kind's instance, a module instance), as messages name it. */
  record Instance(String what, dev.labc.source.Span at) {}

  /** The instance that first declared each account a body declares, for the message when another differs. */
  private final java.util.Map<String, Instance> firstDeclaredBy = new java.util.HashMap<>();

  /**
   * An account is one per host, so two instances that declare it alike share it (as NixOS merges
   * equal definitions): one block, on the nodes of both. Declared differently, it is E0207 at the
   * second instance, naming the fields that differ (not their values: they may be anything).
   */
  private Entity mergeAccount(Entity first, Entity again, Instance instance) {
    var differ = new ArrayList<String>();
    for (String f : new java.util.TreeSet<>(concatKeys(first, again))) {
      if (f.equals("on")) continue;
      if (!first.get(f).equals(again.get(f))) differ.add("`" + f + "`");
    }
    if (!differ.isEmpty()) {
      Instance by = firstDeclaredBy.get(first.address());
      var d = Diagnostic.error(Code.DUPLICATE_DECLARATION, instance.at(),
          "`" + first.address() + "` is declared again by " + instance.what() + " with another " + String.join(", ", differ)
              + (by == null ? "" : " than " + by.what() + " gives it"),
          "an account is one per host: declare it alike in every instance, or name it after the instance (`" + first.kind() + " \"" + first.name() + "-${self.name}\"`)");
      ev.report(by == null ? d : d.withRelated(new dev.labc.diag.Related(by.at(), by.what() + " declares it here")));
      return null;
    }
    var attrs = new TreeMap<>(first.attributes());
    if (first.attributes().containsKey("on")) attrs.put("on", unionOfNodes(first.get("on"), again.get("on")));
    return new Entity(first.kind(), first.name(), first.span(), attrs, first.attributeSpans(), first.annotations(), first.owners());
  }

  private static java.util.Set<String> concatKeys(Entity a, Entity b) {
    var keys = new java.util.HashSet<>(a.attributes().keySet());
    keys.addAll(b.attributes().keySet());
    return keys;
  }

  /** `on` of two declarations of one block: an empty list is every node, and stays so. */
  private static Value unionOfNodes(Value a, Value b) {
    if (!(a instanceof Value.ListV la) || !(b instanceof Value.ListV lb)) return a;
    if (la.items().isEmpty() || lb.items().isEmpty()) return new Value.ListV(List.of());
    var all = new java.util.LinkedHashSet<Value>(la.items());
    all.addAll(lb.items());
    return new Value.ListV(List.copyOf(all));
  }

  /**
   * A block of a kind's body that does not say `on` is on the instance's nodes, not on every node:
   * a body describes one instance, as a NixOS module describes the host it is imported on. Only
   * where both the block and the instance have an `on` of nodes; `on = nodes()` says every node.
   */
  private Entity inheritOn(Entity owner, Entity e) {
    if (e.attributeSpans().containsKey("on") || !(e.get("on") instanceof Value.ListV)) return e;
    Value inherited = switch (owner.get("on")) {
      case Value.Ref r when r.kind().equals("node") -> new Value.ListV(List.of(r));
      case Value.ListV l -> l;
      default -> null;
    };
    if (inherited == null) return e;
    var attrs = new TreeMap<>(e.attributes());
    attrs.put("on", inherited);
    return new Entity(e.kind(), e.name(), e.span(), attrs, e.attributeSpans(), e.annotations(), e.owners());
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

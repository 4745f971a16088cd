package dev.labc.eval;

import dev.labc.source.Span;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolver pass, as Starlark's: before anything is evaluated, each name written in an
 * expression is bound to what it names (a {@link Binding}), by the span of the name. The
 * evaluator looks names up here, and the language server answers hover and go-to-definition
 * from the same table, so the two cannot disagree on what a name means.
 *
 * <p>The lookup order is the language's: locals (loop variables, lets in a body, a kind body's
 * fields and {@code self}), then the params of the module the name is written in, then
 * top-level lets, then the program's params, then {@link Binding.Global} for blocks, enum members
 * and kinds. Unknown names are reported when evaluation reaches them (a name in an `if` branch
 * not taken, or one a computed label declares, is no error), with the evaluator's codes.
 *
 * @param names what each name in an expression names, by the name's span
 * @param lets top-level lets by name: the first declared, as schemas, enums, lets and params share one namespace
 * @param params the root program's params
 * @param moduleParams each imported module's params, by the module's path
 */
public record Bindings(Map<Span, Binding> names, Map<String, Stmt.Let> lets, Map<String, Stmt.Param> params,
                       Map<String, Map<String, Stmt.Param>> moduleParams) {
  public Bindings {
    names = Map.copyOf(names);
    lets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lets));
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    var copy = new HashMap<String, Map<String, Stmt.Param>>();
    moduleParams.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    moduleParams = Map.copyOf(copy);
  }

  public static final Bindings EMPTY = new Bindings(Map.of(), Map.of(), Map.of(), Map.of());

  /**
   * Resolves every name in {@code modules} (in load order, the root last). {@code instanced} are the
   * paths of modules made once per import (`import "x" as a`): their lets are bound in the order written.
   */
  public static Bindings resolve(List<SyntaxTree> modules, String rootPath, Set<String> instanced) {
    var lets = new LinkedHashMap<String, Stmt.Let>();
    var params = new LinkedHashMap<String, Stmt.Param>();
    var moduleParams = new HashMap<String, Map<String, Stmt.Param>>();
    Set<String> namespace = new HashSet<>();
    for (SyntaxTree t : modules) {
      String path = t.file().path();
      boolean isRoot = path.equals(rootPath);
      boolean perInstance = !isRoot && instanced.contains(path);
      for (Stmt s : t.statements()) {
        switch (s) {
          case Stmt.Schema sc -> namespace.add(sc.name().name());
          case Stmt.Enum en -> namespace.add(en.name().name());
          case Stmt.Let l when !perInstance -> { if (namespace.add(l.name().name())) lets.put(l.name().name(), l); }
          case Stmt.Param p when !isRoot -> moduleParams.computeIfAbsent(path, k -> new LinkedHashMap<>()).putIfAbsent(p.name().name(), p);
          case Stmt.Param p -> { if (namespace.add(p.name().name())) params.put(p.name().name(), p); }
          default -> { }
        }
      }
    }
    var tables = new Bindings(Map.of(), lets, params, moduleParams);
    var names = new HashMap<Span, Binding>();
    var walk = new NameWalk(tables, names);
    for (SyntaxTree t : modules) walk.module(t, !t.file().path().equals(rootPath) && instanced.contains(t.file().path()));
    return new Bindings(names, lets, params, moduleParams);
  }

  /** What {@code name} names; {@link Binding.Global} for a name this pass did not see (one built at run time). */
  public Binding of(Expr.Name name) {
    Binding b = name.span() == null ? null : names.get(name.span());
    return b != null ? b : outer(name.span(), name.name());
  }

  /**
   * What {@code name}, written at {@code at}, names when no local binds it: a param of its own
   * module, a top-level let, a program param, or else a global.
   */
  public Binding outer(Span at, String name) {
    Map<String, Stmt.Param> own = at == null ? null : moduleParams.get(at.file().path());
    if (own != null && own.containsKey(name)) return new Binding.ModuleParam(at.file().path(), own.get(name));
    Stmt.Let let = lets.get(name);
    if (let != null) return new Binding.Let(let);
    Stmt.Param param = params.get(name);
    if (param != null) return new Binding.Param(param);
    return new Binding.Global(name);
  }

  /** The walk over syntax that binds each name, carrying the locals in scope. */
  private record NameWalk(Bindings tables, Map<Span, Binding> out) {
    /** Locals in scope: a persistent list, innermost first. */
    private record Scope(String name, Binding binding, Scope parent) {
      static final Scope EMPTY = new Scope(null, null, null);

      Scope bind(String n, Binding b) { return new Scope(n, b, this); }

      Binding lookup(String n) {
        for (Scope s = this; s != null && s.name != null; s = s.parent) if (s.name.equals(n)) return s.binding;
        return null;
      }
    }

    void module(SyntaxTree tree, boolean perInstance) {
      // A shared module's top-level lets are globals; an instanced module's are bound in order, per import.
      if (perInstance) {
        body(tree.statements(), Scope.EMPTY);
        return;
      }
      for (Stmt s : tree.statements()) statement(s, Scope.EMPTY);
    }

    /** Statements where a `let` binds a local for the statements after it (a block's, a `for`'s, an `if`'s body). */
    private void body(List<Stmt> stmts, Scope scope) {
      for (Stmt s : stmts) {
        statement(s, scope);
        if (s instanceof Stmt.Let l) scope = scope.bind(l.name().name(), new Binding.Local(l.name()));
      }
    }

    private void statement(Stmt s, Scope scope) {
      switch (s) {
        case Stmt.Import im -> { for (Stmt.Attribute a : im.arguments()) expr(a.value(), scope); }
        case Stmt.Param p -> expr(p.defaultValue(), scope);
        case Stmt.Let l -> expr(l.value(), scope);
        case Stmt.Schema sc -> {
          for (Stmt.FieldDecl f : sc.fields()) expr(f.defaultValue(), scope);
          // A kind's body sees the instance as `self` and each of its fields by name (KindBodies).
          Scope inner = scope.bind("self", new Binding.Self(sc));
          for (Stmt.FieldDecl f : sc.fields()) inner = inner.bind(f.name().name(), new Binding.Field(sc, f));
          body(sc.body(), inner);
        }
        case Stmt.Enum en -> { }
        case Stmt.Attribute a -> expr(a.value(), scope);
        case Stmt.Block b -> {
          expr(b.label(), scope);
          body(b.body(), scope);
        }
        case Stmt.For f -> {
          expr(f.iterable(), scope);
          Scope inner = loop(scope, f.key(), f.value());
          expr(f.guard(), inner);
          body(f.body(), inner);
        }
        case Stmt.If i -> {
          expr(i.condition(), scope);
          body(i.then(), scope);
          body(i.otherwise(), scope);
        }
      }
    }

    private static Scope loop(Scope scope, Ident key, Ident value) {
      Scope inner = key == null ? scope : scope.bind(key.name(), new Binding.Local(key));
      return value == null ? inner : inner.bind(value.name(), new Binding.Local(value));
    }

    private void expr(Expr e, Scope scope) {
      if (e == null) return;
      switch (e) {
        case Expr.Name n -> {
          if (n.span() == null) return;
          Binding local = scope.lookup(n.name());
          out.put(n.span(), local != null ? local : tables.outer(n.span(), n.name()));
        }
        case Expr.Member m -> expr(m.target(), scope);
        case Expr.Index ix -> {
          expr(ix.target(), scope);
          expr(ix.index(), scope);
        }
        case Expr.Call c -> {
          // The callee is a builtin's name, never looked up as a value (Builtins.call).
          if (!(c.callee() instanceof Expr.Name)) expr(c.callee(), scope);
          for (Argument a : c.args()) expr(a.value(), scope);
        }
        case Expr.Unary u -> expr(u.operand(), scope);
        case Expr.Binary b -> {
          expr(b.left(), scope);
          expr(b.right(), scope);
        }
        case Expr.Conditional c -> {
          expr(c.condition(), scope);
          expr(c.then(), scope);
          expr(c.otherwise(), scope);
        }
        case Expr.Paren p -> expr(p.inner(), scope);
        case Expr.ListLit l -> { for (Expr x : l.items()) expr(x, scope); }
        case Expr.ObjectLit o -> {
          for (Expr.ObjectEntry en : o.entries()) {
            if (!(en.key() instanceof Expr.Name)) expr(en.key(), scope);
            expr(en.value(), scope);
          }
        }
        case Expr.Str s -> parts(s.parts(), scope);
        case Expr.Heredoc h -> parts(h.parts(), scope);
        case Expr.ListFor f -> {
          expr(f.iterable(), scope);
          Scope inner = loop(scope, f.key(), f.value());
          expr(f.guard(), inner);
          expr(f.body(), inner);
        }
        case Expr.MapFor f -> {
          expr(f.iterable(), scope);
          Scope inner = loop(scope, f.key(), f.value());
          expr(f.guard(), inner);
          expr(f.keyExpr(), inner);
          expr(f.valueExpr(), inner);
        }
        case Expr.Int i -> { }
        case Expr.Float f -> { }
        case Expr.Unit u -> { }
        case Expr.Bool b -> { }
        case Expr.Null n -> { }
        case Expr.Ip ip -> { }
        case Expr.Cidr c -> { }
        case Expr.Bad b -> { }
      }
    }

    private void parts(List<Expr.StringPart> parts, Scope scope) {
      for (Expr.StringPart p : parts) if (p instanceof Expr.Interpolation in) expr(in.expr(), scope);
    }
  }
}

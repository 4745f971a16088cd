package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.diag.Related;
import dev.labc.eval.ModuleLoad.ImportSite;
import dev.labc.source.Span;
import dev.labc.syntax.Comment;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import dev.labc.types.TypeResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The declarations stage: the top-level schemas, enums, lets and params of every loaded module (the
 * first of a name wins; schemas, enums, lets and the program's params share one namespace, a
 * module's params are its own), the blocks, `for`s and `if`s to expand, and the schemas resolved to
 * types. A second declaration of a name is a diagnostic at it.
 */
final class Declarations {
  private final DiagnosticCollector diags;
  final Map<String, Schema> schemas = new TreeMap<>();
  final Map<String, Type.EnumT> enums = new TreeMap<>();
  final Map<String, Stmt.Let> lets = new LinkedHashMap<>();
  final Map<String, Stmt.Param> params = new LinkedHashMap<>();
  /** A module's params by module path: visible only inside that module's file. */
  final Map<String, Map<String, Stmt.Param>> moduleParams = new HashMap<>();
  /** Where each name of the shared namespace was first declared. */
  final Map<String, Span> declared = new HashMap<>();

  Declarations(DiagnosticCollector diags) { this.diags = diags; }

  final List<TopDecl> topDecls = new ArrayList<>();

  /** A top-level block, `for` or `if`, expanded into blocks by the expansion stage. */
  record TopDecl(Stmt stmt, SyntaxTree tree) {}

  /** Declares {@code tree}'s statements; {@code importSites} tell whether it is a module made once per import. */
  void declare(SyntaxTree tree, boolean isRoot, Map<String, List<ImportSite>> importSites) {
    boolean perInstance = !isRoot && ModuleInstances.isInstanced(importSites.getOrDefault(tree.file().path(), List.of()).stream().map(ImportSite::stmt).toList());
    for (Stmt s : tree.statements()) {
      // An instanced module's blocks and lets are made once per import, by ModuleInstances.
      if (perInstance && (s instanceof Stmt.Let || s instanceof Stmt.Block || s instanceof Stmt.For || s instanceof Stmt.If)) {
        instancedModules.put(tree.file().path(), tree);
        continue;
      }
      if (perInstance) instancedModules.put(tree.file().path(), tree);
      switch (s) {
        case Stmt.Import im -> { }
        case Stmt.Schema sc -> { if (unique(sc.name().name(), sc.name().span(), "schema")) schemaStubs.put(sc.name().name(), new SchemaDecl(sc, tree)); }
        case Stmt.Enum en -> {
          if (unique(en.name().name(), en.name().span(), "enum")) {
            enums.put(en.name().name(), new Type.EnumT(en.name().name(), en.members().stream().map(Stmt.EnumMember::name).toList()));
          }
        }
        case Stmt.Let l -> { if (unique(l.name().name(), l.name().span(), "let")) lets.put(l.name().name(), l); }
        case Stmt.Param p -> {
          if (!isRoot) {
            Stmt.Param prev = moduleParams.computeIfAbsent(tree.file().path(), k -> new LinkedHashMap<>()).putIfAbsent(p.name().name(), p);
            if (prev != null) {
              diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, p.name().span(), "`" + p.name().name() + "` is declared twice", "rename one")
                  .withRelated(new Related(prev.name().span(), "first declared here")));
            }
          } else if (unique(p.name().name(), p.name().span(), "param")) {
            params.put(p.name().name(), p);
          }
        }
        case Stmt.Attribute a -> diags.error(Code.MISPLACED_DECLARATION, a.span(), "attribute `" + a.name().name() + "` outside a block",
            "put it inside a block, or declare a value with `let " + a.name().name() + " = ...`");
        case Stmt.Block b -> topDecls.add(new TopDecl(b, tree));
        case Stmt.For f -> topDecls.add(new TopDecl(f, tree));
        case Stmt.If i -> topDecls.add(new TopDecl(i, tree));
      }
    }
  }

  record SchemaDecl(Stmt.Schema stmt, SyntaxTree tree) {}

  /** Modules imported only `as NAME`: one instance per import (ModuleInstances), by path. */
  final Map<String, SyntaxTree> instancedModules = new LinkedHashMap<>();

  final Map<String, SchemaDecl> schemaStubs = new LinkedHashMap<>();

  void resolveSchemas() {
    var resolverT = new TypeResolver(schemaStubs.keySet(), kindNames(), enums, diags);
    for (SchemaDecl sd : schemaStubs.values()) {
      if (schemas.containsKey(sd.stmt().name().name())) continue;
      var fields = new LinkedHashMap<String, Schema.Field>();
      for (Stmt.FieldDecl f : sd.stmt().fields()) {
        if (fields.containsKey(f.name().name())) {
          diags.error(Code.DUPLICATE_DECLARATION, f.name().span(), "field `" + f.name().name() + "` declared twice", null);
          continue;
        }
        Type t = resolverT.resolve(f.type());
        if (f.secret()) t = t instanceof Type.OptionalT o ? new Type.OptionalT(new Type.SecretT(o.inner())) : new Type.SecretT(t);
        // Marked fields take text made from a secret, which reaches the step as a secret (digest in plans and state).
        if (f.annotations().stream().anyMatch(a -> a.name().name().equals("may_hold_secret"))) t = t instanceof Type.OptionalT o ? new Type.OptionalT(new Type.MayHoldSecretT(o.inner())) : new Type.MayHoldSecretT(t);
        fields.put(f.name().name(), new Schema.Field(f.name().name(), t, f.defaultValue(), f.span(), docFor(sd.tree(), f.span())));
      }
      boolean isKind = sd.stmt().annotations().stream().anyMatch(a -> a.name().name().equals("kind"));
      schemas.put(sd.stmt().name().name(), new Schema(sd.stmt().name().name(), isKind, fields, sd.stmt().span(), docFor(sd.tree(), sd.stmt().span())));
    }
  }

  Set<String> kindNames() {
    var out = new HashSet<String>();
    for (SchemaDecl sd : schemaStubs.values()) {
      if (sd.stmt().annotations().stream().anyMatch(a -> a.name().name().equals("kind"))) out.add(sd.stmt().name().name());
    }
    return out;
  }

  /** The `///` lines right above a declaration. */
  static String docFor(SyntaxTree tree, Span span) {
    var lines = new ArrayList<String>();
    int limit = span.start();
    List<Comment> cs = tree.comments();
    for (int i = cs.size() - 1; i >= 0; i--) {
      Comment c = cs.get(i);
      if (c.span().end() > limit) continue;
      String between = tree.file().text().substring(c.span().end(), limit);
      if (!between.isBlank() && !between.strip().startsWith("@") || between.chars().filter(ch -> ch == '\n').count() > 1 + between.lines().filter(l -> l.strip().startsWith("@")).count()) break;
      if (!c.isDoc()) break;
      lines.add(0, c.text().substring(3).strip());
      limit = c.span().start();
    }
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  private boolean unique(String name, Span span, String what) {
    Span prev = declared.putIfAbsent(name, span);
    if (prev == null) return true;
    diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, span, "`" + name + "` is declared twice",
        "names of schemas, enums, lets and params share one namespace; rename one")
        .withRelated(new Related(prev, "first declared here")));
    return false;
  }

}

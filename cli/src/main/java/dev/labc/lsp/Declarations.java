package dev.labc.lsp;

import dev.labc.diag.DiagnosticCollector;
import dev.labc.eval.Entity;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Program;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.TypeExpr;
import dev.labc.types.Type;
import dev.labc.types.TypeResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every name a document can see, read from the syntax of the document and the modules it
 * loads (the core stdlib and its imports). Built from syntax rather than from the evaluated
 * program because the program exists only for files without errors, and an editor shows
 * files mid-edit; where the program exists it adds the entities loops generate.
 */
record Declarations(Map<String, SchemaDecl> schemas, Map<String, EnumDecl> enums, Map<String, Binding> lets,
                    Map<String, Binding> params, Map<String, List<EntityDecl>> entities) {

  /** A {@code schema}: a kind when marked {@code @kind}, else a record type written as a nested block. */
  record SchemaDecl(Stmt.Schema stmt, SyntaxTree tree, boolean isKind, String doc) {
    String name() { return stmt.name().name(); }

    Optional<Stmt.FieldDecl> field(String name) {
      return stmt.fields().stream().filter(f -> f.name().name().equals(name)).findFirst();
    }

    String fieldDoc(Stmt.FieldDecl field) { return Evaluator.docFor(tree, field.span()); }
  }

  record EnumDecl(Stmt.Enum stmt, SyntaxTree tree, String doc) {
    String name() { return stmt.name().name(); }
  }

  /** A {@code let} or a {@code param}. */
  record Binding(Stmt stmt, Ident name, SyntaxTree tree, String doc) {}

  /** A block declaring an entity; {@code nameSpan} is its label, or its kind when it has none. */
  record EntityDecl(String kind, String name, Stmt.Block block, Span nameSpan) {}

  static Declarations of(List<SyntaxTree> modules, Program program) {
    var schemas = new LinkedHashMap<String, SchemaDecl>();
    var enums = new LinkedHashMap<String, EnumDecl>();
    var lets = new LinkedHashMap<String, Binding>();
    var params = new LinkedHashMap<String, Binding>();
    var entities = new TreeMap<String, List<EntityDecl>>();
    var entityBlocks = new ArrayList<Stmt.Block>();
    for (SyntaxTree tree : modules) {
      for (Stmt s : tree.statements()) {
        // The first declaration wins, as in the evaluator; a second one is its diagnostic.
        switch (s) {
          case Stmt.Schema sc -> schemas.putIfAbsent(sc.name().name(), new SchemaDecl(sc, tree,
              sc.annotations().stream().anyMatch(a -> a.name().name().equals("kind")), Evaluator.docFor(tree, sc.span())));
          case Stmt.Enum en -> enums.putIfAbsent(en.name().name(), new EnumDecl(en, tree, Evaluator.docFor(tree, en.span())));
          case Stmt.Let l -> lets.putIfAbsent(l.name().name(), new Binding(l, l.name(), tree, Evaluator.docFor(tree, l.span())));
          case Stmt.Param p -> {
            // A module's params are its own; where a name is both, the root file's (last loaded) is the one its text means.
            var b = new Binding(p, p.name(), tree, Evaluator.docFor(tree, p.span()));
            if (tree == modules.get(modules.size() - 1)) params.put(p.name().name(), b); else params.putIfAbsent(p.name().name(), b);
          }
          default -> collectEntityBlocks(s, entityBlocks);
        }
      }
    }
    var known = new HashSet<Span>();
    for (Stmt.Block b : entityBlocks) {
      String name = staticName(b);
      if (name == null) continue;
      known.add(b.span());
      entities.computeIfAbsent(name, k -> new ArrayList<>())
          .add(new EntityDecl(b.kind().name(), name, b, b.label() == null ? b.kind().span() : b.label().span()));
    }
    if (program != null) {
      // Names made by interpolation (`node "gpu-${i}"`) are known only after evaluation; each
      // such entity points at the block that generated it.
      for (Entity e : program.entities().values()) {
        if (entities.getOrDefault(e.name(), List.of()).stream().anyMatch(d -> d.kind().equals(e.kind()))) continue;
        entityBlocks.stream().filter(b -> b.span().equals(e.span()) && !known.contains(b.span())).findFirst().ifPresent(b ->
            entities.computeIfAbsent(e.name(), k -> new ArrayList<>())
                .add(new EntityDecl(e.kind(), e.name(), b, b.label() == null ? b.kind().span() : b.label().span())));
      }
    }
    return new Declarations(schemas, enums, lets, params, entities);
  }

  /** Top-level blocks, and blocks inside top-level {@code for} and {@code if}: the ones that declare entities. */
  private static void collectEntityBlocks(Stmt s, List<Stmt.Block> out) {
    switch (s) {
      case Stmt.Block b -> out.add(b);
      case Stmt.For f -> f.body().forEach(x -> collectEntityBlocks(x, out));
      case Stmt.If i -> {
        i.then().forEach(x -> collectEntityBlocks(x, out));
        i.otherwise().forEach(x -> collectEntityBlocks(x, out));
      }
      default -> { }
    }
  }

  /** A block's name when the source alone says it: a plain label, a string without interpolation, or the kind. */
  static String staticName(Stmt.Block b) {
    return switch (b.label()) {
      case null -> b.kind().name();
      case Expr.Name n -> n.name();
      case Expr.Str s -> s.literalValue();
      default -> null;
    };
  }

  List<SchemaDecl> kinds() {
    return schemas.values().stream().filter(SchemaDecl::isKind).toList();
  }

  /** The schema a block is checked against: its kind's at the top, a field's record type when nested. */
  Optional<SchemaDecl> schemaOf(List<Stmt.Block> blocks) {
    if (blocks.isEmpty()) return Optional.empty();
    SchemaDecl schema = schemas.get(blocks.get(0).kind().name());
    for (Stmt.Block nested : blocks.subList(1, blocks.size())) {
      if (schema == null) return Optional.empty();
      Optional<Stmt.FieldDecl> f = schema.field(nested.kind().name());
      if (f.isEmpty()) return Optional.empty();
      schema = schemas.get(f.get().type().qualifiedName());
    }
    return Optional.ofNullable(schema);
  }

  /** A written type as the checker reads it, for "int from 1 to 65535" and for completing values. */
  Type typeOf(TypeExpr written) {
    Set<String> kindNames = new HashSet<>();
    kinds().forEach(k -> kindNames.add(k.name()));
    var enumTypes = new TreeMap<String, Type.EnumT>();
    enums.values().forEach(e -> enumTypes.put(e.name(), new Type.EnumT(e.name(), e.stmt().members().stream().map(Stmt.EnumMember::name).toList())));
    // Problems in the type are the checker's to report; here they only make the type `any`.
    return new TypeResolver(schemas.keySet(), kindNames, enumTypes, new DiagnosticCollector()).resolve(written);
  }

  /** The enum that has a member of this name, as the evaluator looks it up (enums in name order). */
  Optional<EnumDecl> enumWithMember(String member) {
    return enums.values().stream().sorted(java.util.Comparator.comparing(EnumDecl::name)).filter(e -> e.stmt().members().stream().anyMatch(m -> m.name().equals(member))).findFirst();
  }
}

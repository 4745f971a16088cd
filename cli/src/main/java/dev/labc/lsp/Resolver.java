package dev.labc.lsp;

import dev.labc.eval.Binding;
import dev.labc.eval.Evaluator;
import dev.labc.module.ModuleResolver;
import dev.labc.source.Span;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.SourceReader;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Ident;
import dev.labc.syntax.Stmt;
import java.util.List;
import java.util.Optional;

/** Resolves a {@link Target} to what it names; names in expressions through the evaluator's {@link dev.labc.eval.Bindings}. */
final class Resolver {
  private final Analysis analysis;
  private final ModuleResolver modules;

  Resolver(Analysis analysis, ModuleResolver modules) {
    this.analysis = analysis;
    this.modules = modules;
  }

  Optional<Resolved> resolve(Target target) {
    Declarations d = analysis.declarations();
    return switch (target) {
      case Target.AttributeName a -> d.schemaOf(a.blocks()).flatMap(s -> s.field(a.name().name()).map(f -> new Resolved.Field(s, f)));
      case Target.BlockKind k -> {
        if (k.blocks().size() == 1) yield Optional.ofNullable(d.schemas().get(k.block().kind().name())).map(Resolved.Schema::new);
        yield d.schemaOf(k.blocks().subList(0, k.blocks().size() - 1))
            .flatMap(s -> s.field(k.block().kind().name()).map(f -> new Resolved.Field(s, f)));
      }
      case Target.BlockLabel l -> {
        var made = d.entities().values().stream().flatMap(List::stream).filter(e -> e.block().span().equals(l.block().span())).toList();
        yield made.isEmpty() ? Optional.empty() : Optional.of(new Resolved.Entities(made));
      }
      case Target.NameRef n -> name(n.name());
      case Target.MemberRef m -> member(m);
      case Target.ImportPath i -> {
        String path = i.stmt().path().literalValue();
        if (path == null) yield Optional.empty();
        Optional<SourceReader.Read> read = modules.resolve(path, analysis.file());
        yield Optional.of(new Resolved.Module(path, read.map(SourceReader.Read::file).orElse(null)));
      }
      case Target.TypeName t -> {
        if (d.schemas().containsKey(t.name())) yield Optional.of(new Resolved.Schema(d.schemas().get(t.name())));
        yield Optional.ofNullable(d.enums().get(t.name())).map(Resolved.Enum::new);
      }
      case Target.DeclarationName n -> declaration(n.name());
      case Target.FieldName f -> Optional.ofNullable(d.schemas().get(f.schema().name().name()))
          .flatMap(s -> s.field(f.field().name().name()).map(x -> new Resolved.Field(s, x)));
      case Target.LocalName l -> Optional.of(new Resolved.Local(l.name()));
    };
  }

  /** A name in an expression, as the evaluator's resolver pass bound it (the lookup order lives there, not here). */
  private Optional<Resolved> name(Expr.Name name) {
    return switch (analysis.bindings().of(name)) {
      case Binding.Local l -> Optional.of(new Resolved.Local(l.declaration()));
      case Binding.Field f -> Optional.of(new Resolved.Field(schemaDecl(f.kind()), f.field()));
      case Binding.Self s -> Optional.of(new Resolved.Schema(schemaDecl(s.kind())));
      case Binding.ModuleParam p -> Optional.of(new Resolved.Param(binding(p.declaration(), p.declaration().name())));
      case Binding.Let l -> Optional.of(new Resolved.Let(binding(l.declaration(), l.declaration().name())));
      case Binding.Param p -> Optional.of(new Resolved.Param(binding(p.declaration(), p.declaration().name())));
      case Binding.Global g -> global(g.name());
    };
  }

  /** A {@link Binding.Global}: a block, else an enum member (as the evaluator looks them up), else a kind or a builtin. */
  private Optional<Resolved> global(String name) {
    Declarations d = analysis.declarations();
    if (d.entities().containsKey(name)) return Optional.of(new Resolved.Entities(d.entities().get(name)));
    Optional<Declarations.EnumDecl> en = d.enumWithMember(name);
    if (en.isPresent()) {
      Stmt.EnumMember member = en.get().stmt().members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
      return Optional.of(new Resolved.EnumMember(en.get(), member));
    }
    // `user` in `user.labops`: the kind a qualified reference names.
    Declarations.SchemaDecl kind = d.schemas().get(name);
    if (kind != null && kind.isKind()) return Optional.of(new Resolved.Schema(kind));
    return Builtins.named(name).map(Resolved.Builtin::new);
  }

  private SyntaxTree treeOf(Span span) {
    return analysis.modules().stream().filter(t -> t.file() == span.file()).findFirst().orElse(analysis.tree());
  }

  private Declarations.Binding binding(Stmt stmt, Ident name) {
    SyntaxTree tree = treeOf(stmt.span());
    return new Declarations.Binding(stmt, name, tree, Evaluator.docFor(tree, stmt.span()));
  }

  private Declarations.SchemaDecl schemaDecl(Stmt.Schema schema) {
    SyntaxTree tree = treeOf(schema.span());
    return new Declarations.SchemaDecl(schema, tree, schema.annotations().stream().anyMatch(a -> a.name().name().equals("kind")), Evaluator.docFor(tree, schema.span()));
  }

  /**
   * `user.labops`: the block of that kind and name, when KIND is a kind nothing else of that name
   * shadows (the evaluator's rule); empty otherwise.
   */
  private Optional<Resolved.Entities> qualified(Expr.Member m) {
    if (!(m.target() instanceof Expr.Name k)) return Optional.empty();
    Declarations d = analysis.declarations();
    String kind = k.name();
    Declarations.SchemaDecl schema = d.schemas().get(kind);
    if (schema == null || !schema.isKind() || !(analysis.bindings().of(k) instanceof Binding.Global) || d.entities().containsKey(kind)) {
      return Optional.empty();
    }
    var made = d.entities().getOrDefault(m.member().name(), List.of()).stream().filter(e -> e.kind().equals(kind)).toList();
    return made.isEmpty() ? Optional.empty() : Optional.of(new Resolved.Entities(made));
  }

  /** {@code head.address}: a field of the kind of the entity the target names; {@code user.labops}: that block. */
  private Optional<Resolved> member(Target.MemberRef m) {
    Optional<Resolved.Entities> block = qualified(m.member());
    if (block.isPresent()) return Optional.of(block.get());
    Optional<Resolved> target = m.member().target() instanceof Expr.Member inner ? qualified(inner).map(r -> (Resolved) r)
        : m.member().target() instanceof Expr.Name n ? name(n) : Optional.empty();
    if (target.isEmpty() || !(target.get() instanceof Resolved.Entities es)) return Optional.empty();
    var kinds = es.entities().stream().map(Declarations.EntityDecl::kind).distinct().toList();
    if (kinds.size() != 1) return Optional.empty();
    Declarations.SchemaDecl schema = analysis.declarations().schemas().get(kinds.get(0));
    if (schema == null) return Optional.empty();
    return schema.field(m.member().member().name()).map(f -> new Resolved.Field(schema, f));
  }

  private Optional<Resolved> declaration(Ident name) {
    Declarations d = analysis.declarations();
    String n = name.name();
    if (d.lets().containsKey(n)) return Optional.of(new Resolved.Let(d.lets().get(n)));
    if (d.params().containsKey(n)) return Optional.of(new Resolved.Param(d.params().get(n)));
    if (d.schemas().containsKey(n)) return Optional.of(new Resolved.Schema(d.schemas().get(n)));
    return Optional.ofNullable(d.enums().get(n)).map(Resolved.Enum::new);
  }
}

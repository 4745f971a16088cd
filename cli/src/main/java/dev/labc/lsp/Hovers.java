package dev.labc.lsp;

import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.syntax.Stmt;
import dev.labc.types.Type;
import java.util.List;
import java.util.stream.Collectors;

/** Hover text (Markdown) for what a name resolves to: its type or kind, its documentation, and where it is declared. */
final class Hovers {
  private final Analysis analysis;
  private final Locations locations;

  Hovers(Analysis analysis, Locations locations) {
    this.analysis = analysis;
    this.locations = locations;
  }

  String render(Resolved r) {
    Declarations d = analysis.declarations();
    return switch (r) {
      case Resolved.Field f -> {
        Type type = d.typeOf(f.field().type());
        String kindWord = f.owner().isKind() ? "kind" : "record";
        yield code(f.field().span().text().strip())
            + doc(f.owner().fieldDoc(f.field()))
            + "\n\n*" + type.describe() + "*" + (requiredField(f.field()) ? ", required" : "")
            + " — attribute of " + kindWord + " `" + f.owner().name() + "`, declared at " + locations.describe(f.field().span());
      }
      case Resolved.Schema s -> code((s.schema().isKind() ? "@kind\n" : "") + "schema " + s.schema().name())
          + doc(s.schema().doc())
          + "\n\n" + (s.schema().isKind() ? "A kind: declared as a top-level block `" + s.schema().name() + " name { ... }`."
              : "A record type: written as a nested block or an object.")
          + " Attributes: " + s.schema().stmt().fields().stream().map(x -> "`" + x.name().name() + "`").collect(Collectors.joining(", "))
          + ". Declared at " + locations.describe(s.schema().stmt().name().span()) + ".";
      case Resolved.Entities es -> entities(es.entities());
      case Resolved.Let l -> code(firstLine(l.binding().stmt().span().text())) + doc(l.binding().doc())
          + "\n\nDeclared at " + locations.describe(l.binding().name().span()) + ".";
      case Resolved.Param p -> {
        Stmt.Param param = (Stmt.Param) p.binding().stmt();
        String value = "";
        if (analysis.program() != null && analysis.program().params().get(param.name().name()) instanceof Value v && !(v instanceof Value.Secret)) {
          value = "\n\nValue: `" + Values.show(v) + "`";
        }
        yield code(firstLine(param.span().text())) + doc(p.binding().doc()) + value
            + "\n\nParam, declared at " + locations.describe(param.name().span()) + ".";
      }
      case Resolved.Enum e -> code("enum " + e.decl().name() + " { "
          + e.decl().stmt().members().stream().map(Stmt.EnumMember::name).collect(Collectors.joining(", ")) + " }")
          + doc(e.decl().doc()) + "\n\nDeclared at " + locations.describe(e.decl().stmt().name().span()) + ".";
      case Resolved.EnumMember m -> code(m.member().name()) + "\n\nMember of enum `" + m.owner().name() + "`" + doc(m.owner().doc())
          + "\n\nDeclared at " + locations.describe(m.member().span()) + ".";
      case Resolved.Local l -> code(l.name().name()) + "\n\nLocal name, bound at " + locations.describe(l.name().span()) + ".";
      case Resolved.Module m -> code("import \"" + m.importPath() + "\"")
          + (m.file() == null ? "\n\nNo such module." : "\n\nModule `" + m.file().path() + "`." + declaredIn(m.file().path()));
      case Resolved.Builtin b -> code(b.function().signature()) + "\n\n" + b.function().doc() + "\n\nBuilt-in function.";
    };
  }

  private String entities(List<Declarations.EntityDecl> es) {
    var sb = new StringBuilder();
    for (Declarations.EntityDecl e : es) {
      if (!sb.isEmpty()) sb.append("\n\n---\n\n");
      Declarations.SchemaDecl kind = analysis.declarations().schemas().get(e.kind());
      sb.append(code(e.kind() + " " + e.name()))
          .append("\n\n`").append(e.kind()).append("` `").append(e.name()).append("`, declared at ").append(locations.describe(e.block().span())).append('.');
      if (analysis.program() != null && analysis.program().entity(e.kind(), e.name()) != null
          && analysis.program().entity(e.kind(), e.name()).get("address") instanceof Value.Ip ip) {
        sb.append(" Address `").append(ip.text()).append("`.");
      }
      if (kind != null) sb.append(doc(kind.doc()));
    }
    return sb.toString();
  }

  /** What a loaded module declares, so a hover on its import says what it brings. */
  private String declaredIn(String path) {
    var kinds = new java.util.ArrayList<String>();
    var others = new java.util.ArrayList<String>();
    for (var tree : analysis.modules()) {
      if (!tree.file().path().equals(path)) continue;
      for (Stmt s : tree.statements()) {
        switch (s) {
          case Stmt.Schema sc when sc.annotations().stream().anyMatch(a -> a.name().name().equals("kind")) -> kinds.add("`" + sc.name().name() + "`");
          case Stmt.Schema sc -> others.add("`" + sc.name().name() + "`");
          case Stmt.Enum en -> others.add("`" + en.name().name() + "`");
          default -> { }
        }
      }
    }
    return (kinds.isEmpty() ? "" : " Kinds: " + String.join(", ", kinds) + ".")
        + (others.isEmpty() ? "" : " Types: " + String.join(", ", others) + ".");
  }

  private static boolean requiredField(Stmt.FieldDecl f) {
    return f.defaultValue() == null && !f.type().optional();
  }

  private static String code(String text) { return "```lab\n" + text + "\n```"; }

  private static String doc(String doc) { return doc == null ? "" : "\n\n" + doc; }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return text.strip().contains("\n") ? line + " …" : line;
  }
}

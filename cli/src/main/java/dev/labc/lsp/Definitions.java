package dev.labc.lsp;

import dev.labc.source.Span;
import java.util.List;

/** Where what a name resolves to is declared; a module is its file, handled by the caller. */
final class Definitions {
  private Definitions() {}

  static List<Span> of(Resolved r) {
    return switch (r) {
      case Resolved.Field f -> List.of(f.field().name().span());
      case Resolved.Schema s -> List.of(s.schema().stmt().name().span());
      case Resolved.Entities es -> es.entities().stream().map(Declarations.EntityDecl::nameSpan).distinct().toList();
      case Resolved.Let l -> List.of(l.binding().name().span());
      case Resolved.Param p -> List.of(p.binding().name().span());
      case Resolved.Enum e -> List.of(e.decl().stmt().name().span());
      case Resolved.EnumMember m -> List.of(m.member().span());
      case Resolved.Local l -> List.of(l.name().span());
      case Resolved.Module m -> List.of();
      case Resolved.Builtin b -> List.of();
    };
  }
}

package dev.labc.syntax;

import dev.labc.source.Span;
import java.util.List;

/**
 * A written type: {@code string}, {@code int(1..65535)}, {@code list(string)}, {@code std.node?}.
 * Arguments are expressions; the type checker gives them meaning.
 */
public record TypeExpr(Span span, List<Ident> name, List<Argument> args, boolean hasArgs, boolean optional) implements Node {
  public TypeExpr {
    name = List.copyOf(name);
    args = List.copyOf(args);
  }

  public String qualifiedName() {
    return String.join(".", name.stream().map(Ident::name).toList());
  }
}

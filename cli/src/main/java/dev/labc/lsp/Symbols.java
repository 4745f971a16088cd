package dev.labc.lsp;

import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Stmt;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** The outline of a document: its declarations, with block attributes, schema fields and enum members beneath them. */
final class Symbols {
  private Symbols() {}

  static List<DocumentSymbol> of(List<Stmt> statements) {
    var out = new ArrayList<DocumentSymbol>();
    for (Stmt s : statements) {
      DocumentSymbol sym = symbol(s);
      if (sym != null) out.add(sym);
    }
    return out;
  }

  private static DocumentSymbol symbol(Stmt s) {
    return switch (s) {
      case Stmt.Import im -> make(im.path().literalValue() != null ? im.path().literalValue() : im.path().span().text(),
          im.alias() == null ? "import" : "import as " + im.alias().name(), SymbolKind.Module, im.span(), im.path().span(), List.of());
      case Stmt.Param p -> make(p.name().name(), "param: " + p.type().span().text(), SymbolKind.Variable, p.span(), p.name().span(), List.of());
      case Stmt.Let l -> make(l.name().name(), "let", SymbolKind.Constant, l.span(), l.name().span(), List.of());
      case Stmt.Schema sc -> make(sc.name().name(),
          sc.annotations().stream().anyMatch(a -> a.name().name().equals("kind")) ? "kind" : "schema", SymbolKind.Struct, sc.span(), sc.name().span(),
          sc.fields().stream().map(f -> make(f.name().name(), f.type().span().text(), SymbolKind.Field, f.span(), f.name().span(), List.of())).toList());
      case Stmt.Enum en -> make(en.name().name(), "enum", SymbolKind.Enum, en.span(), en.name().span(),
          en.members().stream().map(m -> make(m.name(), null, SymbolKind.EnumMember, m.span(), m.span(), List.of())).toList());
      case Stmt.Attribute a -> make(a.name().name(), null, SymbolKind.Property, a.span(), a.name().span(), List.of());
      case Stmt.Block b -> {
        String name = b.label() == null ? b.kind().name()
            : b.label() instanceof Expr.Name n ? n.name()
            : Declarations.staticName(b) != null ? Declarations.staticName(b) : b.label().span().text();
        yield make(name, b.kind().name(), SymbolKind.Object, b.span(), b.label() == null ? b.kind().span() : b.label().span(), of(b.body()));
      }
      case Stmt.For f -> make(header(f), "for", SymbolKind.Namespace, f.span(), f.value().span(), of(f.body()));
      case Stmt.If i -> {
        var children = new ArrayList<>(of(i.then()));
        children.addAll(of(i.otherwise()));
        yield make("if " + i.condition().span().text(), "if", SymbolKind.Namespace, i.span(), i.condition().span(), children);
      }
    };
  }

  /** {@code for i in 1..3}: the statement's text up to its body. */
  private static String header(Stmt.For f) {
    int end = (f.guard() != null ? f.guard() : f.iterable()).span().end();
    int start = f.key() != null ? f.key().span().start() : f.value().span().start();
    String text = f.span().file().text().substring(start, Math.max(start, end));
    return ("for " + text).replaceAll("\\s+", " ");
  }

  private static DocumentSymbol make(String name, String detail, SymbolKind kind, Span range, Span selection, List<DocumentSymbol> children) {
    // Clients reject a selection outside its range; a recovered parse can produce one.
    Span sel = selection.start() >= range.start() && selection.end() <= range.end() ? selection : range;
    var sym = new DocumentSymbol(name.isBlank() ? "?" : name, kind, Positions.range(range), Positions.range(sel), detail);
    if (!children.isEmpty()) sym.setChildren(children);
    return sym;
  }
}

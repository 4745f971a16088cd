package dev.labc.lsp;

import dev.labc.source.SourceFile;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import dev.labc.types.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion from the schemas: at the start of a line inside a block, the attributes of the
 * block's kind (those not yet set); at the top level, the kinds and keywords; after
 * {@code attribute =}, the members of an enum-typed attribute or the entities of a kind it refers to.
 */
final class Completions {
  private static final List<String> TOP_LEVEL_KEYWORDS = List.of("import", "param", "let", "schema", "enum", "for", "if");
  /** What is typed so far: a name, possibly with dashes, right before the cursor. */
  private static final Pattern WORD_BEFORE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*$");
  private static final Pattern STATEMENT_START = Pattern.compile("^\\s*[A-Za-z_]?[A-Za-z0-9_-]*$");
  private static final Pattern QUALIFIED_BEFORE = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_]*)\\.[A-Za-z_]?[A-Za-z0-9_-]*$");
  private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*=(?!=).*$");

  private final Analysis analysis;

  Completions(Analysis analysis) { this.analysis = analysis; }

  List<CompletionItem> at(Position position) {
    SourceFile file = analysis.file();
    int offset = Positions.offset(file, position);
    int lineStart = file.lineStart(Math.min(position.getLine() + 1, file.lineCount()));
    String before = file.text().substring(lineStart, offset);
    Matcher word = WORD_BEFORE.matcher(before);
    String typed = word.find() ? word.group() : "";
    Range replace = new Range(new Position(position.getLine(), position.getCharacter() - typed.length()), position);
    Optional<List<Stmt.Block>> around = enclosingBlocks(offset, lineStart);
    if (around.isEmpty()) return List.of();
    List<Stmt.Block> blocks = around.get();
    Declarations d = analysis.declarations();

    if (STATEMENT_START.matcher(before).matches()) {
      if (blocks.isEmpty()) {
        var items = new ArrayList<CompletionItem>();
        for (Declarations.SchemaDecl kind : d.kinds()) {
          items.add(item(kind.name(), CompletionItemKind.Class, "kind", kind.doc(), replace));
        }
        for (String k : TOP_LEVEL_KEYWORDS) items.add(item(k, CompletionItemKind.Keyword, "keyword", null, replace));
        return items;
      }
      Optional<Declarations.SchemaDecl> schema = d.schemaOf(blocks);
      if (schema.isEmpty()) return List.of();
      Set<String> set = alreadySet(blocks.get(blocks.size() - 1), typed);
      // An attribute is inserted with its ` = `, ready for the value, unless the line has one already
      // (a name being changed); a record-typed one is a nested block, so only its name.
      int lineEnd = file.text().indexOf('\n', offset);
      boolean hasEquals = file.text().substring(offset, lineEnd < 0 ? file.text().length() : lineEnd).strip().startsWith("=");
      var items = new ArrayList<CompletionItem>();
      for (Stmt.FieldDecl f : schema.get().stmt().fields()) {
        if (set.contains(f.name().name())) continue;
        Type t = d.typeOf(f.type());
        boolean record = d.schemas().containsKey(f.type().qualifiedName()) && !d.schemas().get(f.type().qualifiedName()).isKind();
        CompletionItem it = item(f.name().name(), record ? CompletionItemKind.Struct : CompletionItemKind.Field,
            t.describe(), schema.get().fieldDoc(f), replace);
        if (!record && !hasEquals) it.setTextEdit(Either.forLeft(new TextEdit(replace, f.name().name() + " = ")));
        // Required attributes first, then in schema order.
        it.setSortText((f.defaultValue() == null && !f.type().optional() ? "0" : "1") + String.format("%03d", items.size()));
        items.add(it);
      }
      return items;
    }

    // `user.` or `directory.da`: the blocks of that kind, for a qualified reference.
    Matcher qualified = QUALIFIED_BEFORE.matcher(before);
    if (qualified.find() && d.schemas().get(qualified.group(1)) instanceof Declarations.SchemaDecl k && k.isKind() && !d.entities().containsKey(k.name())) {
      var items = new ArrayList<CompletionItem>();
      d.entities().values().stream().flatMap(List::stream).filter(e -> e.kind().equals(k.name()))
          .forEach(e -> items.add(item(e.name(), CompletionItemKind.Reference, k.name(), null, replace)));
      return items;
    }
    Matcher value = ATTRIBUTE_VALUE.matcher(before);
    if (value.matches() && !blocks.isEmpty()) {
      return d.schemaOf(blocks).flatMap(s -> s.field(value.group(1))).map(f -> values(d.typeOf(f.type()), replace)).orElse(List.of());
    }
    return List.of();
  }

  /** Names that fit a value of this type: enum members, entities of a kind, booleans. */
  private List<CompletionItem> values(Type type, Range replace) {
    Type t = type;
    while (true) {
      if (t instanceof Type.OptionalT o) t = o.inner();
      else if (t instanceof Type.ListT l) t = l.element();
      else if (t instanceof Type.SecretT s) t = s.inner();
      else if (t instanceof Type.MayHoldSecretT m) t = m.inner();
      else break;
    }
    var items = new ArrayList<CompletionItem>();
    switch (t) {
      case Type.EnumT e -> e.members().forEach(m -> items.add(item(m, CompletionItemKind.EnumMember, e.name(), null, replace)));
      case Type.RefT r -> analysis.declarations().entities().values().stream().flatMap(List::stream)
          .filter(e -> e.kind().equals(r.kind()))
          .forEach(e -> items.add(item(e.name(), CompletionItemKind.Reference, r.kind(), null, replace)));
      // `after`, `on_change`, `restart_on`: blocks of several kinds, offered qualified (`user.labops`).
      case Type.Prim p when p.kind() == Type.Kind.ANY && type instanceof Type.ListT -> analysis.declarations().entities().values().stream().flatMap(List::stream)
          .filter(e -> !e.kind().equals("node"))
          .forEach(e -> items.add(item(e.kind() + "." + e.name(), CompletionItemKind.Reference, e.kind(), null, replace)));
      case Type.Prim p when p.kind() == Type.Kind.BOOL -> List.of("true", "false").forEach(b -> items.add(item(b, CompletionItemKind.Value, "bool", null, replace)));
      default -> { }
    }
    return items;
  }

  /**
   * The blocks around an offset, outermost first. The line being typed is blanked before
   * parsing: a half-written line is the usual reason a file does not parse, and without it
   * the blocks around it usually do.
   */
  private Optional<List<Stmt.Block>> enclosingBlocks(int offset, int lineStart) {
    String text = analysis.file().text();
    int lineEnd = lineStart;
    while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') lineEnd++;
    String blanked = text.substring(0, lineStart) + " ".repeat(lineEnd - lineStart) + text.substring(lineEnd);
    SyntaxTree tree = SyntaxParser.parse(new SourceFile(analysis.file().path(), blanked));
    var out = new ArrayList<Stmt.Block>();
    return inside(tree.statements(), offset, out) ? Optional.of(List.copyOf(out)) : Optional.empty();
  }

  /** Adds the blocks around the offset to {@code out}; false when the offset is inside something else (a schema, an object, a header). */
  private static boolean inside(List<Stmt> body, int offset, List<Stmt.Block> out) {
    for (Stmt s : body) {
      if (!(s.span().start() < offset && offset < s.span().end())) continue;
      return switch (s) {
        case Stmt.Block b when b.closeBrace() != null && bodyStart(b) <= offset && offset <= b.closeBrace().start() -> {
          out.add(b);
          yield inside(b.body(), offset, out);
        }
        case Stmt.For f -> inside(f.body(), offset, out);
        case Stmt.If i -> inside(i.then(), offset, out) && inside(i.otherwise(), offset, out);
        default -> false;
      };
    }
    return true;
  }

  /** The offset just after a block's `{`: past its kind and label. */
  private static int bodyStart(Stmt.Block b) {
    int from = b.label() != null ? b.label().span().end() : b.kind().span().end();
    int brace = b.span().file().text().indexOf('{', from);
    return brace < 0 ? b.span().end() : brace + 1;
  }

  /** Attributes a block already sets, except the one being typed. */
  private static Set<String> alreadySet(Stmt.Block block, String typed) {
    var out = new HashSet<String>();
    for (Stmt s : block.body()) {
      if (s instanceof Stmt.Attribute a && !a.name().name().equals(typed)) out.add(a.name().name());
      if (s instanceof Stmt.Block b && !b.kind().name().equals(typed)) out.add(b.kind().name());
    }
    return out;
  }

  private static CompletionItem item(String label, CompletionItemKind kind, String detail, String doc, Range replace) {
    var it = new CompletionItem(label);
    it.setKind(kind);
    it.setDetail(detail);
    if (doc != null) it.setDocumentation(Either.forRight(new MarkupContent(MarkupKind.MARKDOWN, doc)));
    it.setTextEdit(Either.forLeft(new TextEdit(replace, label)));
    return it;
  }
}

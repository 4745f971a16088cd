package dev.labc.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes for the diagnostics an editor sends back with textDocument/codeAction, read from
 * what `labc check` says (LspDiagnostics puts the hint after "help: "):
 * <ul>
 *   <li>every "did you mean `x`?": the word the diagnostic marks becomes {@code x};</li>
 *   <li>a missing required attribute (E0210, "... needs `name` (type)"): {@code name = } on a new
 *       line at the end of the block the diagnostic marks, for the user to finish.</li>
 * </ul>
 */
final class QuickFixes {
  private QuickFixes() {}

  private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean `([^`]+)`\\?");
  private static final Pattern NEEDS = Pattern.compile("needs `([A-Za-z_][A-Za-z0-9_]*)` \\(");
  private static final String MISSING_ATTRIBUTE = "E0210";

  static List<Either<Command, CodeAction>> of(String uri, String text, List<Diagnostic> diagnostics) {
    var out = new ArrayList<Either<Command, CodeAction>>();
    var lines = text.split("\n", -1);
    for (Diagnostic d : diagnostics) {
      String message = d.getMessage() == null ? "" : d.getMessage();
      Matcher m = DID_YOU_MEAN.matcher(message);
      if (m.find() && singleLine(d.getRange(), lines)) {
        out.add(Either.forRight(action("Change to `" + m.group(1) + "`", uri, d, new TextEdit(d.getRange(), m.group(1)))));
      }
      Matcher needs = NEEDS.matcher(message);
      if (isMissingAttribute(d) && needs.find()) {
        TextEdit insert = attributeAtBlockEnd(lines, d.getRange().getEnd(), needs.group(1));
        if (insert != null) out.add(Either.forRight(action("Add `" + needs.group(1) + " = ...`", uri, d, insert)));
      }
    }
    return out;
  }

  private static boolean isMissingAttribute(Diagnostic d) {
    return d.getCode() != null && d.getCode().isLeft() && MISSING_ATTRIBUTE.equals(d.getCode().getLeft());
  }

  private static CodeAction action(String title, String uri, Diagnostic d, TextEdit edit) {
    var a = new CodeAction(title);
    a.setKind(CodeActionKind.QuickFix);
    a.setDiagnostics(List.of(d));
    a.setIsPreferred(true);
    a.setEdit(new WorkspaceEdit(Map.of(uri, List.of(edit))));
    return a;
  }

  private static boolean singleLine(Range r, String[] lines) {
    Position s = r.getStart(), e = r.getEnd();
    return s.getLine() == e.getLine() && s.getLine() < lines.length && s.getCharacter() < e.getCharacter()
        && e.getCharacter() <= lines[s.getLine()].length();
  }

  /**
   * {@code name = } as the last line of the block whose header holds {@code after} (the label the
   * diagnostic marks): the block's `{` is the first after it, its `}` the matching one, skipping
   * strings and comments. Null when the text has no such block (it changed since the check).
   */
  private static TextEdit attributeAtBlockEnd(String[] lines, Position after, String name) {
    int depth = 0;
    for (int l = after.getLine(); l < lines.length; l++) {
      String line = lines[l];
      boolean inString = false;
      for (int c = l == after.getLine() ? after.getCharacter() : 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (inString) {
          if (ch == '\\') c++;
          else if (ch == '"') inString = false;
        } else if (ch == '"') {
          inString = true;
        } else if (ch == '#' || line.startsWith("//", c)) {
          break;
        } else if (ch == '{') {
          depth++;
        } else if (ch == '}' && depth > 0 && --depth == 0) {
          String before = line.substring(0, c);
          if (before.isBlank()) {
            // `}` on a line of its own: a new line above it, one level in from the brace.
            return new TextEdit(new Range(new Position(l, 0), new Position(l, 0)), before + "  " + name + " = \n");
          }
          return new TextEdit(new Range(new Position(l, c), new Position(l, c)), (before.endsWith(" ") ? "" : " ") + name + " = ");
        }
      }
    }
    return null;
  }
}

package dev.labc.lsp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;

/**
 * textDocument/signatureHelp for the built-in functions: inside {@code name(...)} the function's
 * signature and doc, with the argument the cursor is in. Read from the text before the cursor
 * (the innermost open parenthesis and the commas after it, strings skipped), so it works while
 * the call is half typed and the file does not parse.
 */
final class SignatureHelps {
  private SignatureHelps() {}

  static Optional<SignatureHelp> at(String text, int offset) {
    int depth = 0, commas = 0;
    boolean inString = false;
    // Scanning backwards, a quote toggles string state; an escaped quote (\") does not.
    for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) { inString = !inString; continue; }
      if (inString) continue;
      if (c == '\n' && lineIsBlockLevel(text, i)) return Optional.empty();
      if (c == ')' || c == ']' || c == '}') depth++;
      else if ((c == '[' || c == '{') && depth > 0) depth--;
      // An open list or map: the cursor is inside one argument; the commas seen so far were the list's.
      else if (c == '[' || c == '{') commas = 0;
      else if (c == ',' && depth == 0) commas++;
      else if (c == '(') {
        if (depth > 0) { depth--; continue; }
        int end = i;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) end--;
        int start = end;
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) start--;
        String name = text.substring(start, end);
        final int active = commas;
        return Builtins.named(name).map(f -> help(f, active));
      }
    }
    return Optional.empty();
  }

  /** A blank line ends the search: a call does not span paragraphs. */
  private static boolean lineIsBlockLevel(String text, int newline) {
    int next = text.indexOf('\n', newline + 1);
    return text.substring(newline + 1, next < 0 ? text.length() : next).isBlank();
  }

  private static SignatureHelp help(Builtins.Function f, int commas) {
    String sig = f.signature();
    String inside = sig.substring(sig.indexOf('(') + 1, sig.indexOf(')'));
    List<ParameterInformation> params = Arrays.stream(inside.split(", "))
        .filter(p -> !p.isBlank()).map(ParameterInformation::new).toList();
    var info = new SignatureInformation(sig, new MarkupContent(MarkupKind.MARKDOWN, f.doc()), params);
    // A variadic last parameter (`lists...`) takes every further argument.
    int active = params.isEmpty() ? 0 : Math.min(commas, params.size() - 1);
    info.setActiveParameter(active);
    return new SignatureHelp(List.of(info), 0, active);
  }

}

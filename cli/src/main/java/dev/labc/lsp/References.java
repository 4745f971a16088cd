package dev.labc.lsp;

import dev.labc.module.ModuleResolver;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Find references and rename, within one document: every occurrence of the name under the cursor
 * that resolves (Locator, Resolver: what hover and go-to-definition use) to the same declaration,
 * and that declaration. Rename is offered for blocks (plain labels), params and lets.
 * References from other files that import this one are not searched yet.
 */
final class References {
  private References() {}

  private static final Pattern NAME_CHAR = Pattern.compile("[A-Za-z0-9_-]");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*");

  /** The spans, in this document, of the name at offset and of all that resolve as it does; empty when it resolves to nothing. */
  static List<Span> at(Analysis a, ModuleResolver modules, int offset) {
    return target(a, modules, offset).map(t -> occurrences(a, modules, t.resolved(), t.word())).orElse(List.of());
  }

  /** Whether the name at offset may be renamed: a block label, param or let, declared in this document as a plain name. */
  static boolean renamable(Analysis a, ModuleResolver modules, int offset) {
    Optional<Found> t = target(a, modules, offset);
    if (t.isEmpty()) return false;
    boolean kind = switch (t.get().resolved()) {
      case Resolved.Entities es -> true;
      case Resolved.Param p -> true;
      case Resolved.Let l -> true;
      default -> false;
    };
    List<Span> declared = Definitions.of(t.get().resolved());
    return kind && !declared.isEmpty() && declared.stream().allMatch(s ->
        s.file().path().equals(a.file().path()) && s.text().equals(t.get().word()));
  }

  static boolean isName(String s) { return IDENTIFIER.matcher(s).matches(); }

  private record Found(Resolved resolved, String word) {}

  private static Optional<Found> target(Analysis a, ModuleResolver modules, int offset) {
    String text = a.file().text();
    int start = offset, end = offset;
    while (start > 0 && NAME_CHAR.matcher(String.valueOf(text.charAt(start - 1))).matches()) start--;
    while (end < text.length() && NAME_CHAR.matcher(String.valueOf(text.charAt(end))).matches()) end++;
    if (start == end) return Optional.empty();
    String word = text.substring(start, end);
    return resolve(a, modules, start).map(r -> new Found(r, word));
  }

  private static Optional<Resolved> resolve(Analysis a, ModuleResolver modules, int offset) {
    return Locator.at(a.tree().statements(), offset).flatMap(t -> new Resolver(a, modules).resolve(t));
  }

  private static List<Span> occurrences(Analysis a, ModuleResolver modules, Resolved target, String word) {
    var out = new LinkedHashSet<Span>();
    for (Span s : Definitions.of(target)) if (s.file().path().equals(a.file().path())) out.add(s);
    Matcher m = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(word) + "(?![A-Za-z0-9_-])").matcher(a.file().text());
    while (m.find()) {
      if (resolve(a, modules, m.start()).filter(target::equals).isPresent()) out.add(a.file().span(m.start(), m.end()));
    }
    var sorted = new ArrayList<>(out);
    sorted.sort((x, y) -> Integer.compare(x.start(), y.start()));
    return sorted;
  }
}

package dev.labc.addr;

/** Hand-written recursive descent over the address grammar; small enough not to need ANTLR. */
final class AddrParser {
  private static final String EXAMPLES =
      "addresses look like node.gpu-07.file[\"/etc/exports\"], node.head.hostname or"
          + " cluster.rke2.chart[\"gpu-operator\"]";

  private final String text;
  private int pos;

  AddrParser(String text) {
    if (text == null) {
      throw new InvalidAddrException("", 1, "no address given; " + EXAMPLES);
    }
    this.text = text;
  }

  Scope scope() {
    int start = pos;
    String word = name("\"node\" or \"cluster\"");
    ScopeKind kind = ScopeKind.ofKeyword(word);
    if (kind == null) {
      throw error(start, "expected \"node\" or \"cluster\" but found \"" + word + "\"; " + EXAMPLES);
    }
    expect('.', "\".\" and a " + kind.keyword() + " name after \"" + kind.keyword() + "\"");
    return new Scope(kind, name("a " + kind.keyword() + " name"));
  }

  ResourceAddr resourceAddr() {
    Scope scope = scope();
    expect('.', "\".\" and a resource type after \"" + scope + "\"");
    String type = name("a resource type");
    String key = null;
    if (pos < text.length() && text.charAt(pos) == '[') {
      pos++;
      key = quoted();
      expect(']', "\"]\" after the key");
    }
    return new ResourceAddr(scope, type, key);
  }

  void end() {
    if (pos != text.length()) {
      throw error(pos, "unexpected \"" + text.substring(pos) + "\" at the end; " + EXAMPLES);
    }
  }

  private String name(String what) {
    int start = pos;
    if (pos < text.length() && isNameStart(text.charAt(pos))) {
      pos++;
      while (pos < text.length() && isNamePart(text.charAt(pos))) {
        pos++;
      }
    }
    if (start == pos) {
      throw error(pos, "expected " + what + " (letters, digits, \"_\" and \"-\", not starting with a digit or \"-\")");
    }
    return text.substring(start, pos);
  }

  private String quoted() {
    if (pos >= text.length() || text.charAt(pos) != '"') {
      throw error(pos, "expected a quoted key like [\"/etc/exports\"]");
    }
    int open = pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error(open, "the key's opening quote is never closed");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c == '\\') {
        out.append(escape());
      } else if (c < 0x20) {
        throw error(pos, String.format("control character U+%04X must be escaped in a key", (int) c));
      } else {
        out.append(c);
        pos++;
      }
    }
  }

  private char escape() {
    int start = pos++;
    if (pos >= text.length()) {
      throw error(start, "unfinished escape at the end");
    }
    char c = text.charAt(pos++);
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'u' -> {
        if (pos + 4 > text.length()) {
          throw error(start, "\\u needs four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(text.charAt(pos + i), 16);
          if (digit < 0) {
            throw error(start, "\\u needs four hex digits");
          }
          value = value * 16 + digit;
        }
        pos += 4;
        yield (char) value;
      }
      default -> throw error(start, "unknown escape \\" + c + " (use \\\", \\\\, \\n, \\t, \\r, \\b, \\f or \\uXXXX)");
    };
  }

  private void expect(char c, String what) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error(pos, "expected " + what);
    }
    pos++;
  }

  private InvalidAddrException error(int at, String reason) {
    return new InvalidAddrException(text, at + 1, reason);
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-';
  }
}

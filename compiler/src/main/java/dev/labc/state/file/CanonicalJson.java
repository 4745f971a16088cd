package dev.labc.state.file;

import dev.labc.addr.ResourceAddr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Prints a JSON tree in the one form state files use: object keys sorted, two-space indent,
 * {@code "key": value}, empty containers as {@code {}} / {@code []}, numbers in plain notation,
 * non-ASCII as UTF-8, and a trailing newline. Written by hand because pretty printers differ
 * between Jackson versions and a one-byte drift would show up as a change in every state file.
 */
final class CanonicalJson {
  private CanonicalJson() {}

  static String print(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(out, node, 0);
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, JsonNode node, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        if (keys.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append("{\n");
        for (int i = 0; i < keys.size(); i++) {
          indent(out, depth + 1);
          quote(out, keys.get(i));
          out.append(": ");
          write(out, node.get(keys.get(i)), depth + 1);
          out.append(i + 1 < keys.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append('}');
      }
      case ARRAY -> {
        if (node.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append("[\n");
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
          indent(out, depth + 1);
          write(out, it.next(), depth + 1);
          out.append(it.hasNext() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append(']');
      }
      case STRING -> quote(out, node.textValue());
      case NUMBER -> out.append(node.decimalValue().toPlainString());
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  /** JSON string literals are written exactly as addresses quote their keys: one escaping rule in labc. */
  static void quote(StringBuilder out, String s) {
    ResourceAddr.appendQuoted(out, s);
  }
}

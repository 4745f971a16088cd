package dev.labc.lsp;

import java.util.List;
import java.util.Optional;

/** The built-in functions, for hover; the same names as the evaluator's {@code Builtins.NAMES}. */
final class Builtins {
  private Builtins() {}

  record Function(String name, String signature, String doc) {}

  static final List<Function> ALL = List.of(
      new Function("cidrhost", "cidrhost(network: cidr, n: int) -> ip", "The n-th host address of a network: `cidrhost(10.0.1.0/24, 11)` is `10.0.1.11`."),
      new Function("concat", "concat(lists...) -> list", "The lists joined into one, in order."),
      new Function("contains", "contains(list, item) -> bool", "Whether the list holds the item."),
      new Function("env", "env(name: string) -> secret string", "An environment variable, as a secret; only in the default of a `secret` param."),
      new Function("join", "join(separator: string, items: list) -> string", "The items as text with the separator between them."),
      new Function("keys", "keys(map) -> list of string", "The keys of a map, in order."),
      new Function("len", "len(value) -> int", "The length of a list, map or string (in code points)."),
      new Function("lower", "lower(s: string) -> string", "The string in lower case."),
      new Function("nodes", "nodes(role: role) -> list of node", "The declared nodes, in name order; with `role:`, only those that have the role."),
      new Function("upper", "upper(s: string) -> string", "The string in upper case."),
      new Function("values", "values(map) -> list", "The values of a map, in key order."));

  static Optional<Function> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}

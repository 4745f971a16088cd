package dev.labc.lsp;

import java.util.List;
import java.util.Optional;

/** The built-in functions, for hover: the evaluator's own signatures, so the two cannot differ. */
final class Builtins {
  private Builtins() {}

  record Function(String name, String signature, String doc) {}

  static final List<Function> ALL = dev.labc.eval.Builtins.SIGNATURES.stream()
      .map(s -> new Function(s.name(), s.signature(), s.doc())).toList();

  static Optional<Function> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}

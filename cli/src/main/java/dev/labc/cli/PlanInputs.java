package dev.labc.cli;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.FileTemplates;
import dev.labc.state.SecretHasher;
import dev.labc.syntax.SyntaxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every input that shaped a plan, by name: the labc version, each module's text (the stdlib's
 * among them), each `--var` and `--var-file`, each root param's value (a secret as its keyed digest
 * and source only), the templates, manifests and chart files read, and `--target`/`--exclude`.
 * A saved plan records these; `labc apply PLAN` re-makes the plan from them alone, and when an
 * entry differs staleness says which.
 *
 * <p>Kinds of entry: {@code labc}, {@code module PATH}, {@code var NAME}, {@code var-file PATH},
 * {@code param NAME}, {@code template PATH}, {@code manifest PATH}, {@code chart_file PATH},
 * {@code target NAME}, {@code exclude NAME}. Paths are relative to the .lab's directory.
 */
record PlanInputs(SortedMap<String, String> entries) {
  PlanInputs {
    entries = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  static PlanInputs of(Path mainFile, Program program, List<SyntaxTree> modules, VarOptions vars,
                       HostSelection selection, SecretHasher hasher) {
    var out = new TreeMap<String, String>();
    Path base = mainFile.toAbsolutePath().normalize().getParent();
    out.put("labc", Main.VERSION);
    for (SyntaxTree t : modules) {
      Path p = Path.of(t.file().path());
      // Paths relative to the main file's directory: the same checkout planned from another working
      // directory, or moved, must give the same entries. Stdlib modules keep their `std/...` names.
      String key = p.isAbsolute() || Files.exists(p) ? relative(base, p) : t.file().path();
      out.put("module " + key, digest(t.file().text().getBytes(StandardCharsets.UTF_8)));
    }
    vars.vars.forEach(v -> {
      int eq = v.indexOf('=');
      out.put("var " + (eq > 0 ? v.substring(0, eq) : v), eq > 0 ? v.substring(eq + 1) : "");
    });
    // Keyed, as secrets are: a var file often holds one, and a plain hash of a short file can be guessed.
    for (Path f : vars.varFiles) out.put("var-file " + relative(base, f), keyedContents(f, hasher));
    program.params().forEach((name, value) -> out.put("param " + name, paramValue(value, hasher)));
    for (Entity f : program.ofKind("file")) {
      if (f.get("template") instanceof Value.Str) fileEntry(out, base, "template", FileTemplates::path, f);
    }
    for (Entity m : program.ofKind("manifest")) {
      if (m.get("file") instanceof Value.Str s) fileEntry(out, base, "manifest", e -> e.besideDeclaration(s.value()), m);
    }
    for (Entity c : program.ofKind("chart")) {
      if (c.get("chart_file") instanceof Value.Str s) fileEntry(out, base, "chart_file", e -> e.besideDeclaration(s.value()), c);
    }
    selection.describe().forEach(line -> out.put(line, ""));
    return new PlanInputs(out);
  }

  /** sha-256 over every entry, in name order: the plan's {@code inputs_digest}. */
  String digest() {
    var md = sha256();
    entries.forEach((k, v) -> md.update((k + "\0" + v + "\0").getBytes(StandardCharsets.UTF_8)));
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /** The flags a plan was made with, as its entries record them; var files resolved against the .lab's directory. */
  record Flags(List<String> vars, List<Path> varFiles, List<String> targets, List<String> excludes) {}

  Flags flags(Path base) {
    var flags = new Flags(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    entries.forEach((name, value) -> {
      if (name.startsWith("var ")) flags.vars().add(name.substring("var ".length()) + "=" + value);
      else if (name.startsWith("var-file ")) flags.varFiles().add(base.resolve(name.substring("var-file ".length())).normalize());
      else if (name.startsWith("target ")) flags.targets().add(name.substring("target ".length()));
      else if (name.startsWith("exclude ")) flags.excludes().add(name.substring("exclude ".length()));
    });
    return flags;
  }

  private interface FileOf { Path of(Entity e); }

  private static void fileEntry(Map<String, String> out, Path base, String kind, FileOf file, Entity e) {
    try {
      Path p = file.of(e);
      out.put(kind + " " + relative(base, p), contents(p));
    } catch (java.nio.file.InvalidPathException ex) {
      // a name no file can have: the check already refused it
    }
  }

  private static String paramValue(Value v, SecretHasher hasher) {
    if (v instanceof Value.Secret s) {
      return (s.value() == null ? "unset" : hasher.digest(s.value()).encoded()) + " from " + s.source();
    }
    String text = Values.text(v);
    return text != null ? text : digest(v.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String relative(Path base, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return base.relativize(abs).toString().replace('\\', '/');
  }

  private static String keyedContents(Path p, SecretHasher hasher) {
    try {
      return hasher.digest(Files.readString(p, StandardCharsets.UTF_8)).encoded();
    } catch (IOException | java.io.UncheckedIOException e) {
      return "unreadable";
    }
  }

  private static String contents(Path p) {
    try {
      return digest(Files.readAllBytes(p));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static String digest(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}

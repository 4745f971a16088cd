package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.source.SourceFile;
import dev.labc.syntax.SourceReader;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import dev.labc.module.ModuleResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first stage: parses the root and every module it imports, the core stdlib first, each file
 * once, depth-first so a module comes before its importers and the root last. Missing modules and
 * import cycles are diagnostics at the import.
 */
final class ModuleLoad {
  /** An `import` of a module: the statement (its braces set params) and the file it is in. */
  record ImportSite(Stmt.Import stmt, SyntaxTree importer) {}

  /** The files in load order, and every import that names each, by the module's path. */
  record Loaded(List<SyntaxTree> modules, Map<String, List<ImportSite>> importSites) {
    Loaded {
      modules = List.copyOf(modules);
      var sites = new HashMap<String, List<ImportSite>>();
      importSites.forEach((k, v) -> sites.put(k, List.copyOf(v)));
      importSites = Map.copyOf(sites);
    }
  }

  private final ModuleResolver resolver;
  private final DiagnosticCollector diags;
  private final List<SyntaxTree> modules = new ArrayList<>();
  private final Map<String, List<ImportSite>> importSites = new HashMap<>();
  private final Map<String, SyntaxTree> loaded = new HashMap<>();

  private ModuleLoad(ModuleResolver resolver, DiagnosticCollector diags) {
    this.resolver = resolver;
    this.diags = diags;
  }

  static Loaded load(SourceFile root, ModuleResolver resolver, DiagnosticCollector diags) {
    return new ModuleLoad(resolver, diags).load(root);
  }

  private Loaded load(SourceFile root) {
    Optional<SourceReader.Read> core = resolver.stdlib("std/core");
    if (core.isEmpty()) {
      diags.error(Code.IMPORT_NOT_FOUND, null, "the bundled stdlib is missing `std/core.lab`", "rebuild labc; the jar is incomplete");
      return new Loaded(List.of(), Map.of());
    }
    loadFile(core.get().file(), new ArrayList<>());
    loadFile(root, new ArrayList<>());
    return new Loaded(modules, importSites);
  }

  private void loadFile(SourceFile file, List<String> stack) {
    if (loaded.containsKey(file.path())) return;
    SyntaxTree tree = SyntaxParser.parse(file);
    loaded.put(file.path(), tree);
    diags.addAll(tree.diagnostics());
    stack.add(file.path());
    for (Stmt s : tree.statements()) {
      if (!(s instanceof Stmt.Import im)) continue;
      String path = im.path().literalValue();
      if (path == null) {
        diags.error(Code.IMPORT_NOT_FOUND, im.path().span(), "an import path cannot use interpolation", "write the path as plain text");
        continue;
      }
      Optional<SourceReader.Read> r = resolver.resolve(path, file);
      if (r.isEmpty()) {
        diags.error(Code.IMPORT_NOT_FOUND, im.path().span(), "cannot find module `" + path + "`",
            path.startsWith("std/") ? "the stdlib has no such module; see docs/stdlib.md for the list" : "relative imports are resolved from the importing file's directory");
        continue;
      }
      diags.addAll(r.get().diagnostics());
      SourceFile target = r.get().file();
      if (target == null) continue;
      importSites.computeIfAbsent(target.path(), k -> new ArrayList<>()).add(new ImportSite(im, tree));
      int at = stack.indexOf(target.path());
      if (at >= 0) {
        var cycle = new ArrayList<>(stack.subList(at, stack.size()));
        cycle.add(target.path());
        diags.error(Code.IMPORT_CYCLE, im.span(), "import cycle: " + String.join(" -> ", cycle),
            "move what both modules need into a third module that imports neither");
        continue;
      }
      loadFile(target, stack);
    }
    stack.remove(stack.size() - 1);
    modules.add(tree);
  }

}

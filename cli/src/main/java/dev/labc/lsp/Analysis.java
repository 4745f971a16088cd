package dev.labc.lsp;

import dev.labc.compile.Checked;
import dev.labc.compile.LabCompiler;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Bindings;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Program;
import dev.labc.source.SourceFile;
import dev.labc.syntax.LargeStack;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of an open document, checked: what every request about that version needs,
 * computed once. {@code file}'s path is the document's file path, so relative imports resolve
 * as `labc check` resolves them; for a copy of a stdlib module it is {@code std/x.lab}.
 */
record Analysis(String uri, int version, SourceFile file, SyntaxTree tree, List<SyntaxTree> modules,
                Declarations declarations, Bindings bindings, Program program, List<Diagnostic> diagnostics, boolean isStdlib) {

  static Analysis of(LabCompiler compiler, String uri, int version, String text, String path, boolean isStdlib, Evaluator.Options options) {
    var file = new SourceFile(path, text);
    // The same check as `labc check`, so the editor and the command line never disagree.
    Checked checked = compiler.check(file, options);
    SyntaxTree tree = checked.evaluation().modules().stream().filter(t -> t.file() == file).findFirst()
        .orElseGet(() -> SyntaxParser.parse(file));
    // The document's own text stands in for the module of the same path (an open stdlib copy).
    var modules = new ArrayList<SyntaxTree>();
    for (SyntaxTree t : checked.evaluation().modules()) {
      if (t != tree && !t.file().path().equals(path)) modules.add(t);
    }
    modules.add(tree);
    Program program = checked.evaluation().program();
    // A stdlib module is checked as part of every program; on its own it would only repeat those checks.
    List<Diagnostic> diagnostics = isStdlib ? List.of() : checked.diagnostics();
    // The Bindings the evaluator used, when it got as far as resolving and these are its trees; else the same pass
    // over the trees here (a file that does not parse), where modules made once per import are not told apart:
    // their lets resolve as top-level lets, to the same declaration.
    Bindings evaluated = checked.evaluation().bindings();
    Bindings bindings = evaluated != Bindings.EMPTY && checked.evaluation().modules().contains(tree) ? evaluated
        : LargeStack.call(() -> Bindings.resolve(modules, path, java.util.Set.of()), () -> Bindings.EMPTY);
    return new Analysis(uri, version, file, tree, List.copyOf(modules), Declarations.of(modules, program), bindings, program, diagnostics, isStdlib);
  }
}

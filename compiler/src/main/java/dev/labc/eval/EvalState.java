package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.eval.Declarations.SchemaDecl;
import dev.labc.eval.Declarations.TopDecl;
import dev.labc.eval.ModuleLoad.ImportSite;
import dev.labc.module.ModuleResolver;
import dev.labc.source.Span;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the stages of one evaluation share, in one place: the declarations' tables (read-only after
 * that stage), the values the inputs stage writes, the blocks expansion declares, the attribute
 * values interpretation memoises, and the run's bounds (steps, the in-progress cycle stack). One
 * per run, owned by its {@link Evaluator} and handed to each stage explicitly.
 */
final class EvalState {
  final ModuleResolver resolver;
  final Evaluator.Options options;
  final DiagnosticCollector diags = new DiagnosticCollector();
  final List<SyntaxTree> modules = new ArrayList<>();

  /** The declarations stage; its tables are also held under their own names for the stages after it. */
  final Declarations decls = new Declarations(diags);
  final Map<String, Schema> schemas = decls.schemas;
  final Map<String, Type.EnumT> enums = decls.enums;
  final Map<String, Stmt.Let> lets = decls.lets;
  final Map<String, Stmt.Param> params = decls.params;
  /** A module's params by module path: visible only inside that module's file. */
  final Map<String, Map<String, Stmt.Param>> moduleParams = decls.moduleParams;
  final Map<String, Span> declared = decls.declared;
  final List<TopDecl> topDecls = decls.topDecls;
  final Map<String, SyntaxTree> instancedModules = decls.instancedModules;
  final Map<String, SchemaDecl> schemaStubs = decls.schemaStubs;

  /** Every import statement that names a module, by the module's path: where its params are set (load stage). */
  Map<String, List<ImportSite>> importSites = Map.of();
  /** What each name names, resolved before evaluation; the lookup order lives there. */
  Bindings bindings = Bindings.EMPTY;

  // Inputs stage: param values; interpretation reads them.
  final Map<String, Value> paramValues = new TreeMap<>();
  final Map<String, Map<String, Value>> moduleParamValues = new HashMap<>();
  /** Module params ("path\0name") whose value was refused with a diagnostic; their uses say nothing more. */
  final Set<String> refusedModuleParams = new HashSet<>();
  /** The param being computed, if any: a name without a value then is a param depending on a param. */
  String currentParam;

  // Expansion stage: the blocks declared; interpretation evaluates them.
  final SortedMap<String, Expansion.EntityDecl> entityDecls = new TreeMap<>();
  final Map<String, Set<String>> entitiesByName = new HashMap<>();
  /** True while blocks are still being declared: names of blocks may not decide which blocks exist. */
  boolean expanding;
  int blocksDeclared; // every block declaration met, duplicates included

  // Interpretation: values computed once, on first use.
  final Map<String, Value> letValues = new HashMap<>();
  final Map<String, Map<String, Value>> attrValues = new HashMap<>();

  private final Deque<String> inProgress = new ArrayDeque<>();
  private final Set<String> inProgressSet = new HashSet<>();
  private long steps;

  EvalState(ModuleResolver resolver, Evaluator.Options options) {
    this.resolver = resolver;
    this.options = options;
  }

  /** Marks {@code key} (a let or an attribute) as being computed; meeting it again is a cycle, reported with its path. */
  void enter(String key, Span at) {
    if (!inProgressSet.add(key)) {
      var path = new ArrayList<>(inProgress);
      int from = path.indexOf(key);
      var cycle = new ArrayList<>(path.subList(Math.max(0, from), path.size()));
      cycle.add(key);
      throw fail(Code.CYCLE, at, "`" + key + "` depends on itself: " + String.join(" -> ", cycle), "break the cycle: one of these values must not refer to the others");
    }
    inProgress.addLast(key);
  }

  void exit(String key) {
    inProgress.removeLast();
    inProgressSet.remove(key);
  }

  /**
   * Counts one step against {@link Evaluator#MAX_STEPS}: each expression evaluated and each pass of a `for`
   * (a pass need evaluate nothing: `for` nested in `for` around a misplaced attribute ran 20,000³ passes).
   */
  void step(Span at) { steps(1, at); }

  /** Counts {@code n} steps at once: a range costs one per item it builds. */
  void steps(long n, Span at) {
    steps += n;
    if (steps > Evaluator.MAX_STEPS) {
      throw fail(Code.EVALUATION_LIMIT, at, "evaluation takes too many steps (over " + Evaluator.MAX_STEPS + ")", "a loop or comprehension is far larger than any cluster; check its bounds");
    }
  }

  Value conform(Value v, Type t, Span at, String what) {
    return Conformance.conform(v, t, at, what, schemas, this::fail);
  }

  void report(EvalError e) {
    if (e.diagnostic != null) diags.add(e.diagnostic);
  }

  EvalError fail(Code code, Span span, String message, String hint) {
    return new EvalError(Diagnostic.error(code, span, message, hint));
  }
}

package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Declarations.SchemaDecl;
import dev.labc.module.ModuleResolver;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.LargeStack;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.types.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Evaluates a .lab program: loads imports, resolves schemas, computes params, expands loops
 * into entities, evaluates attributes lazily (so declaration order never matters), and checks
 * each against its schema. Every problem becomes a diagnostic; evaluation is bounded in steps
 * and sizes so hostile input stops with a clear error.
 */
public final class Evaluator {
  /** Steps (expression evaluations) allowed per run. */
  static final long MAX_STEPS = 20_000_000;
  /** Largest list a range or comprehension may build, and longest string. */
  static final int MAX_ITEMS = 200_000;
  static final int MAX_STRING = 4 * 1024 * 1024;
  /** Blocks (nodes, users, files, ...) one program may declare: ten times the largest cluster planned in bench/. */
  static final int MAX_ENTITIES = 100_000;

  /** Inputs besides the source: `--var` values, `--var-file` files, the environment. */
  public record Options(Map<String, String> vars, List<SourceFile> varFiles, Function<String, String> environment) {
    public static Options defaults() { return new Options(Map.of(), List.of(), System::getenv); }
  }

  /** {@code bindings}: what each name in {@code modules} names, as evaluation looked it up (empty when loading failed). */
  public record Result(Program program, List<Diagnostic> diagnostics, List<SyntaxTree> modules, Bindings bindings) {
    public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }
  }

  /** The tables the stages share; each stage below owns its part of them (see EvalState). */
  private final EvalState st;
  private final Inputs inputs;
  private final Expansion expansion;
  private final Attributes attributes;
  private final Interpreter interpreter;

  private Evaluator(ModuleResolver resolver, Options options) {
    this.st = new EvalState(resolver, options);
    // The interpreter reaches builtins and attributes through this facade; the other stages reach it directly.
    this.interpreter = new Interpreter(st, this);
    this.inputs = new Inputs(st, interpreter);
    this.expansion = new Expansion(st, interpreter);
    this.attributes = new Attributes(st, interpreter, expansion);
  }

  public static Result evaluate(SourceFile root, ModuleResolver resolver, Options options) {
    return LargeStack.call(() -> new Evaluator(resolver, options).run(root), () -> {
      var d = Diagnostic.error(Code.EVALUATION_LIMIT, root.span(0, 0), "evaluation nested too deep",
          "a value refers through too many levels; split it with `let` bindings");
      return new Result(null, List.of(d), List.of(), Bindings.EMPTY);
    });
  }

  private Result run(SourceFile root) {
    ModuleLoad.Loaded loaded = ModuleLoad.load(root, st.resolver, st.diags);
    st.modules.addAll(loaded.modules());
    st.importSites = loaded.importSites();
    if (st.diags.hasErrors()) return done(null);
    for (SyntaxTree t : st.modules) st.decls.declare(t, t.file() == root, st.importSites);
    st.bindings = Bindings.resolve(st.modules, root.path(), st.instancedModules.keySet());
    inputs.moduleParamsApartFromLets();
    st.decls.resolveSchemas();
    if (st.diags.hasErrors()) return done(null);
    inputs.computeParams();
    expansion.expandEntities();
    // Past the block limit the program is runaway input: evaluating its 100,000 blocks would tell nothing more.
    if (st.entityDecls.size() >= MAX_ENTITIES && st.diags.hasErrors()) return done(null);
    for (String name : st.lets.keySet()) {
      try {
        interpreter.let(name);
      } catch (EvalError e) {
        report(e);
      }
    }
    SortedMap<String, Entity> entities = new TreeMap<>();
    for (Expansion.EntityDecl d : st.entityDecls.values()) {
      Entity e = attributes.evaluateEntity(d);
      if (e != null) entities.put(e.address(), e);
    }
    if (!st.diags.hasErrors()) new KindBodies(this).expand(entities);
    if (!st.diags.hasErrors()) new ModuleInstances(this, new KindBodies(this)).expand(entities);
    var program = new Program(entities, new TreeMap<>(st.schemas), new TreeMap<>(st.paramValues));
    return done(program);
  }

  /** The `///` lines right above a declaration; public so the language server's hovers say what the evaluator's hints say. */
  public static String docFor(SyntaxTree tree, Span span) { return Declarations.docFor(tree, span); }

  private Result done(Program p) {
    var list = st.diags.toList();
    return new Result(list.stream().anyMatch(Diagnostic::isError) ? null : p, list, List.copyOf(st.modules), st.bindings);
  }

  // ---- hooks for the stages that expand kinds' bodies and module instances (KindBodies, ModuleInstances) ----

  Stmt.Schema schemaDecl(String name) { return st.schemaStubs.containsKey(name) ? st.schemaStubs.get(name).stmt() : null; }

  Schema schema(String name) { return st.schemas.get(name); }

  List<Stmt.Schema> schemaDecls() { return st.schemaStubs.values().stream().map(SchemaDecl::stmt).toList(); }

  String label(Stmt.Block b, Env env) { return b.label() == null ? b.kind().name() : expansion.labelText(b.label(), env); }

  void report(Diagnostic d) { st.diags.add(d); }

  Map<String, SyntaxTree> instancedModules() { return st.instancedModules; }

  /** The imports of module {@code path}, each with the file it is in. */
  List<Map.Entry<Stmt.Import, SyntaxTree>> importsOf(String path) {
    return st.importSites.getOrDefault(path, List.of()).stream().map(site -> Map.entry(site.stmt(), site.importer())).toList();
  }

  /** The param values one import of {@code path} gives, type-checked with located errors; null when one was refused. */
  Map<String, Value> paramsAt(Stmt.Import im, SyntaxTree importer, String path) { return inputs.paramsAt(im, importer, path); }

  /** Declares a block a body makes under its qualified {@code name}, checked as a top-level one; false if refused. */
  boolean declareBodyBlock(Stmt.Block b, Env env, String name) { return expansion.declareBodyBlock(b, env, name); }

  /** Evaluates a block {@link #declareBodyBlock} declared: once all of its body's blocks are, so they may refer to each other. */
  Entity evaluateBodyBlock(String kind, String name) { return attributes.evaluateEntity(st.entityDecls.get(kind + "." + name)); }

  /** The statement that declared block {@code addr}, or null: tells a body's block met again (another instance) from a clash. */
  Stmt.Block declaringStatement(String addr) {
    Expansion.EntityDecl d = st.entityDecls.get(addr);
    return d == null ? null : d.block();
  }

  /** Drops a block declared only to be evaluated and merged into another (an account two instances declare). */
  void forgetBodyBlock(String kind, String name) {
    st.entityDecls.remove(kind + "." + name);
    st.attrValues.remove(kind + "." + name);
  }

  // ---- the interpreter and the run's bounds, for the stages and the builtins ----------------------

  Value eval(Expr e, Env env) { return interpreter.eval(e, env); }

  boolean truthy(Value v, Span at) { return interpreter.truthy(v, at); }

  void forEach(Value it, Span at, String keyVar, String valueVar, Env env, Consumer<Env> body) {
    interpreter.forEach(it, at, keyVar, valueVar, env, body);
  }

  /** An entity's attribute, evaluated once (by the stage that owns them) and type-checked. */
  Value attribute(String addr, String name) { return attributes.attribute(addr, name); }

  /** Counts {@code n} steps at once: a range costs one per item it builds. */
  void steps(long n, Span at) { st.steps(n, at); }

  void report(EvalError e) { st.report(e); }

  EvalError fail(Code code, Span span, String message, String hint) { return st.fail(code, span, message, hint); }

  // ---- accessors for builtins ------------------------------------------------------------------

  List<Value.Ref> entitiesOfKind(String kind) {
    // The kind's range of the sorted addresses, not a scan of every block: nodes() in each of
    // 20,000 blocks made that quadratic.
    return st.entityDecls.subMap(kind + ".", kind + "." + Character.MAX_VALUE).values().stream().map(d -> new Value.Ref(kind, d.name())).toList();
  }

  /** nodes(role: r) by role, once blocks are all declared: the same list for every block that asks. */
  private final Map<String, Value> nodesByRole = new HashMap<>();

  Value nodesWithRole(String role, Function<String, Value> compute) {
    Value v = nodesByRole.get(role);
    if (v == null) {
      v = compute.apply(role);
      nodesByRole.put(role, v);
    }
    return v;
  }

  Value attributeOf(Value.Ref r, String name) { return attribute(r.kind() + "." + r.name(), name); }

  boolean isExpanding() { return st.expanding; }

  String currentParam() { return st.currentParam; }

  Function<String, String> environment() { return st.options.environment(); }

  static BigDecimal div(BigDecimal a, BigDecimal b) { return a.divide(b, 12, RoundingMode.HALF_EVEN).stripTrailingZeros(); }
}

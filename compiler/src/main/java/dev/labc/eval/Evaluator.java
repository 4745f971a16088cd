package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.diag.Related;
import dev.labc.diag.Spelling;
import dev.labc.source.SourceFile;
import dev.labc.eval.Declarations.SchemaDecl;
import dev.labc.eval.Declarations.TopDecl;
import dev.labc.eval.ModuleLoad.ImportSite;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.LargeStack;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.Units;
import dev.labc.syntax.antlr.SyntaxParser;
import dev.labc.module.ModuleResolver;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import dev.labc.types.TypeResolver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
  private int blocksDeclared; // every block declaration met, duplicates included

  /** Inputs besides the source: `--var` values, `--var-file` files, the environment. */
  public record Options(Map<String, String> vars, List<SourceFile> varFiles, Function<String, String> environment) {
    public static Options defaults() { return new Options(Map.of(), List.of(), System::getenv); }
  }

  /** {@code bindings}: what each name in {@code modules} names, as evaluation looked it up (empty when loading failed). */
  public record Result(Program program, List<Diagnostic> diagnostics, List<SyntaxTree> modules, Bindings bindings) {
    public boolean ok() { return diagnostics.stream().noneMatch(Diagnostic::isError); }
  }

  /**
   * A secret whose source (an environment variable) is unset: `check` warns; plan and apply make it
   * an error (Pipeline), so an apply never starts without it and fails halfway.
   */
  private void unsetSecret(String param, Value.Secret secret, Stmt.Param p) {
    String variable = secret.source().startsWith("env ") ? secret.source().substring(4) : secret.source();
    diags.warning(Code.SECRET_UNSET, p.defaultValue() != null ? p.defaultValue().span() : p.name().span(),
        "secret param " + (param.startsWith("`") ? param : "`" + param + "`") + " has no value: the environment variable " + variable + " is not set",
        "set " + variable + " in the environment of `labc plan` and `labc apply`; plan and apply refuse to run without it");
  }

  private final ModuleResolver resolver;
  private final Options options;
  private final DiagnosticCollector diags = new DiagnosticCollector();
  private final List<SyntaxTree> modules = new ArrayList<>();
  /** The declarations stage: its tables, read under their old names by the stages after it. */
  private final Declarations decls = new Declarations(diags);
  private final Map<String, Schema> schemas = decls.schemas;
  private final Map<String, Type.EnumT> enums = decls.enums;
  private final Map<String, Stmt.Let> lets = decls.lets;
  private final Map<String, Value> letValues = new HashMap<>();
  private final Map<String, Stmt.Param> params = decls.params;
  private final Map<String, Value> paramValues = new TreeMap<>();
  /** A module's params by module path, and their values: visible only inside that module's file. */
  private final Map<String, Map<String, Stmt.Param>> moduleParams = decls.moduleParams;
  private final Map<String, Map<String, Value>> moduleParamValues = new HashMap<>();
  /** Every import statement that names a module, by the module's path: where its params are set. */
  private Map<String, List<ImportSite>> importSites = Map.of();
  /** Module params ("path\0name") whose value was refused with a diagnostic; their uses say nothing more. */
  private final Set<String> refusedModuleParams = new HashSet<>();
  private final Map<String, Span> declared = decls.declared;
  private final List<TopDecl> topDecls = decls.topDecls;
  private final Map<String, SyntaxTree> instancedModules = decls.instancedModules;
  private final Map<String, SchemaDecl> schemaStubs = decls.schemaStubs;
  private final SortedMap<String, EntityDecl> entityDecls = new TreeMap<>();
  private final Map<String, Map<String, Value>> attrValues = new HashMap<>();
  private final Map<String, Set<String>> entitiesByName = new HashMap<>();
  private final Deque<String> inProgress = new ArrayDeque<>();
  private final Set<String> inProgressSet = new HashSet<>();
  private long steps;
  /** What each name names, resolved before evaluation; the lookup order lives there. */
  private Bindings bindings = Bindings.EMPTY;
  private boolean expanding;
  private String currentParam;

  /** A top-level block to evaluate: its body items with the loop variables in force. */
  private record EntityDecl(String kind, String name, Stmt.Block block, Env env, Map<String, Item> items) {}

  /**
   * One attribute or nested block of an entity body, with its environment; {@code repeats} holds
   * the further blocks of the same name (entries of a list-of-records attribute, often from a `for`).
   */
  private record Item(String name, Stmt stmt, Env env, List<Item> repeats) {
    Item(String name, Stmt stmt, Env env) { this(name, stmt, env, new ArrayList<>()); }
  }


  private Evaluator(ModuleResolver resolver, Options options) {
    this.resolver = resolver;
    this.options = options;
  }

  public static Result evaluate(SourceFile root, ModuleResolver resolver, Options options) {
    return LargeStack.call(() -> new Evaluator(resolver, options).run(root), () -> {
      var d = Diagnostic.error(Code.EVALUATION_LIMIT, root.span(0, 0), "evaluation nested too deep",
          "a value refers through too many levels; split it with `let` bindings");
      return new Result(null, List.of(d), List.of(), Bindings.EMPTY);
    });
  }

  private Result run(SourceFile root) {
    ModuleLoad.Loaded loaded = ModuleLoad.load(root, resolver, diags);
    modules.addAll(loaded.modules());
    importSites = loaded.importSites();
    if (diags.hasErrors()) return done(null);
    for (SyntaxTree t : modules) decls.declare(t, t.file() == root, importSites);
    bindings = Bindings.resolve(modules, root.path(), instancedModules.keySet());
    moduleParamsApartFromLets();
    decls.resolveSchemas();
    if (diags.hasErrors()) return done(null);
    computeParams();
    expandEntities();
    // Past the block limit the program is runaway input: evaluating its 100,000 blocks would tell nothing more.
    if (entityDecls.size() >= MAX_ENTITIES && diags.hasErrors()) return done(null);
    for (String name : lets.keySet()) {
      try {
        let(name);
      } catch (EvalError e) {
        report(e);
      }
    }
    SortedMap<String, Entity> entities = new TreeMap<>();
    for (EntityDecl d : entityDecls.values()) {
      Entity e = evaluateEntity(d);
      if (e != null) entities.put(e.address(), e);
    }
    if (!diags.hasErrors()) new KindBodies(this).expand(entities);
    if (!diags.hasErrors()) new ModuleInstances(this, new KindBodies(this)).expand(entities);
    var program = new Program(entities, new TreeMap<>(schemas), new TreeMap<>(paramValues));
    return done(program);
  }

  /** The `///` lines right above a declaration; public so the language server's hovers say what the evaluator's hints say. */
  public static String docFor(SyntaxTree tree, Span span) { return Declarations.docFor(tree, span); }

  private Result done(Program p) {
    var list = diags.toList();
    return new Result(list.stream().anyMatch(Diagnostic::isError) ? null : p, list, List.copyOf(modules), bindings);
  }

  // ---- params -------------------------------------------------------------------------------

  private void computeParams() {
    var varFileValues = new HashMap<String, Expr>();
    for (SourceFile vf : options.varFiles()) {
      SyntaxTree t = SyntaxParser.parse(vf);
      diags.addAll(t.diagnostics());
      for (Stmt s : t.statements()) {
        if (s instanceof Stmt.Attribute a) {
          varFileValues.put(a.name().name(), a.value());
          if (!params.containsKey(a.name().name())) {
            diags.error(Code.BAD_VARIABLE, a.name().span(), "no param named `" + a.name().name() + "`", Spelling.didYouMean(a.name().name(), params.keySet()));
          }
        } else {
          diags.error(Code.BAD_VARIABLE, s.span(), "a var file holds only `name = value` lines", null);
        }
      }
    }
    for (var e : options.vars().entrySet()) {
      if (!params.containsKey(e.getKey())) {
        diags.error(Code.BAD_VARIABLE, null, "--var " + e.getKey() + ": no param named `" + e.getKey() + "`", Spelling.didYouMean(e.getKey(), params.keySet()));
      }
    }
    var typer = new TypeResolver(schemaStubs.keySet(), decls.kindNames(), enums, diags);
    for (Stmt.Param p : params.values()) {
      String name = p.name().name();
      Type t = typer.resolve(p.type());
      currentParam = name;
      try {
        Value v;
        if (options.vars().containsKey(name)) {
          if (p.secret()) {
            diags.error(Code.SECRET_MISUSE, p.name().span(), "secret param `" + name + "` cannot be set with --var, where it would show in shell history and process lists",
                "set it in a --var-file or through its default, e.g. `= env(\"" + name.toUpperCase() + "\")`");
            continue;
          }
          v = fromCommandLine(name, options.vars().get(name), t, p);
        } else if (varFileValues.containsKey(name)) {
          v = eval(varFileValues.get(name), Env.EMPTY);
        } else if (p.defaultValue() != null) {
          v = eval(p.defaultValue(), Env.EMPTY);
        } else if (t instanceof Type.OptionalT) {
          v = new Value.Null(); // `param notes: string?` is optional: left unset, it is null
        } else {
          diags.error(Code.MISSING_ATTRIBUTE, p.name().span(), "param `" + name + "` has no value",
              "give it a default, or pass --var " + name + "=VALUE or a --var-file");
          continue;
        }
        if (p.secret() && !(v instanceof Value.Secret)) {
          v = new Value.Secret("param " + name, Values.text(v));
        }
        if (v instanceof Value.Secret unset && unset.value() == null) unsetSecret(name, unset, p);
        Value checked = p.secret() ? v : conform(v, t, p.defaultValue() != null ? p.defaultValue().span() : p.name().span(), "param `" + name + "`");
        paramValues.put(name, checked);
      } catch (EvalError err) {
        report(err);
      } finally {
        currentParam = null;
      }
    }
    // Importers before the modules they import (modules are loaded depth-first, root last), so
    // an import's braces may use the importing file's own params.
    for (SyntaxTree t : modules.reversed()) {
      List<ImportSite> sites = importSites.getOrDefault(t.file().path(), List.of());
      if (instancedModules.containsKey(t.file().path())) continue; // their params are set per import, once blocks exist
      if (moduleParams.containsKey(t.file().path()) || sites.stream().anyMatch(site -> site.stmt().hasArguments())) {
        computeModuleParams(t, sites, typer);
      }
    }
  }

  /** A module's param shares its file with the module's lets; both in one file under one name is ambiguous. */
  private void moduleParamsApartFromLets() {
    for (var byFile : moduleParams.entrySet()) {
      for (Stmt.Param p : byFile.getValue().values()) {
        Span other = declared.get(p.name().name());
        if (other != null && other.file().path().equals(byFile.getKey())) {
          diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, p.name().span(), "`" + p.name().name() + "` is declared twice",
              "a module's params and its lets, schemas and enums share one namespace; rename one")
              .withRelated(new Related(other, "also declared here")));
        }
      }
    }
  }

  /**
   * A module's param values from the braces of each import naming it, else the defaults. A module
   * is loaded once (its blocks have one address each), so, unlike Terraform's `module` blocks,
   * two imports cannot make two instances: imports that resolve to different values are an error.
   */
  private void computeModuleParams(SyntaxTree module, List<ImportSite> sites, TypeResolver typer) {
    String path = module.file().path();
    Map<String, Stmt.Param> declaredParams = moduleParams.getOrDefault(path, Map.of());
    var types = new LinkedHashMap<String, Type>();
    for (Stmt.Param p : declaredParams.values()) types.put(p.name().name(), typer.resolve(p.type()));
    SiteValues first = null;
    ImportSite firstSite = null;
    for (ImportSite site : sites.isEmpty() ? java.util.Collections.<ImportSite>singletonList(null) : sites) {
      SiteValues values = moduleParamsAt(site, path, declaredParams, types);
      if (first == null) {
        first = values;
        firstSite = site;
        moduleParamValues.put(path, values.values());
        for (String name : declaredParams.keySet()) {
          if (!values.values().containsKey(name)) refusedModuleParams.add(path + "\0" + name);
        }
        continue;
      }
      if (!first.ok() || !values.ok()) continue; // already reported; comparing half-known values would only add noise
      var differing = new java.util.TreeSet<String>();
      for (String name : declaredParams.keySet()) {
        if (!sameValue(first.values().get(name), values.values().get(name))) differing.add(name);
      }
      if (!differing.isEmpty()) {
        String shown = module.file().path();
        diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, site.stmt().path().span(),
                "`" + site.stmt().path().literalValue() + "` is imported again with other values for " + String.join(", ", differing.stream().map(n -> "`" + n + "`").toList()),
                "without `as`, labc loads a module once (" + shown + "); import it `as NAME` everywhere to make one instance per import, each with its own params")
            .withRelated(new Related(firstSite.stmt().span(), "first imported here")));
      }
    }
  }

  /** What one import gives a module's params: the values accepted, and whether all was accepted. */
  private record SiteValues(Map<String, Value> values, boolean ok) {}

  /** The values one import gives a module's params (defaults filling in); a refused one is left out and reported. */
  private SiteValues moduleParamsAt(ImportSite site, String path, Map<String, Stmt.Param> declaredParams, Map<String, Type> types) {
    var given = new LinkedHashMap<String, Stmt.Attribute>();
    boolean ok = true;
    if (site != null) {
      for (Stmt.Attribute a : site.stmt().arguments()) {
        String name = a.name().name();
        if (!declaredParams.containsKey(name)) {
          String hint = declaredParams.isEmpty() ? "`" + site.stmt().path().literalValue() + "` declares no params"
              : Spelling.didYouMean(name, declaredParams.keySet());
          if (hint == null) hint = "its params: " + String.join(", ", declaredParams.keySet());
          diags.error(Code.UNKNOWN_ATTRIBUTE, a.name().span(), "module `" + site.stmt().path().literalValue() + "` has no param `" + name + "`", hint);
          ok = false;
        } else if (given.putIfAbsent(name, a) != null) {
          diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, a.name().span(), "param `" + name + "` is set twice", "keep one")
              .withRelated(new Related(given.get(name).span(), "first set here")));
          ok = false;
        }
      }
    }
    var values = new TreeMap<String, Value>();
    String module = site == null ? path : site.stmt().path().literalValue();
    for (Stmt.Param p : declaredParams.values()) {
      String name = p.name().name();
      Type t = types.get(name);
      Stmt.Attribute arg = given.get(name);
      currentParam = name;
      try {
        Value v;
        Span at;
        if (arg != null) {
          v = eval(arg.value(), Env.EMPTY);
          at = arg.value().span();
          if (p.secret() && !(v instanceof Value.Secret)) {
            diags.error(Code.SECRET_MISUSE, arg.value().span(), "param `" + name + "` of `" + module + "` is secret; plain text here would sit in the .lab and its plans",
                "pass a secret: declare `param " + name + ": secret string = env(\"" + name.toUpperCase() + "\")` in this file and write `" + name + " = " + name + "`");
            ok = false;
            continue;
          }
        } else if (p.defaultValue() != null) {
          v = eval(p.defaultValue(), Env.EMPTY);
          at = p.defaultValue().span();
          if (p.secret() && !(v instanceof Value.Secret)) v = new Value.Secret("param " + name, Values.text(v));
          if (v instanceof Value.Secret unset && unset.value() == null) unsetSecret("`" + module + "`'s " + name, unset, p);
        } else if (t instanceof Type.OptionalT) {
          v = new Value.Null();
          at = p.name().span();
        } else {
          diags.error(Code.MISSING_ATTRIBUTE, site == null ? p.name().span() : site.stmt().path().span(),
              "module `" + module + "` needs param `" + name + "` (" + t.describe() + ")",
              site == null ? "give it a default" : "set it in the import's braces: `import \"" + module + "\" { " + name + " = ... }`");
          ok = false;
          continue;
        }
        values.put(name, p.secret() ? v : conform(v, t, at, "param `" + name + "` of `" + module + "`"));
      } catch (EvalError err) {
        report(err);
        ok = false;
      } finally {
        currentParam = null;
      }
    }
    return new SiteValues(values, ok);
  }

  /** Secrets compare by content (their sources differ by design); anything else by value. */
  private static boolean sameValue(Value a, Value b) {
    if (a instanceof Value.Secret sa && b instanceof Value.Secret sb) return java.util.Objects.equals(sa.value(), sb.value());
    return java.util.Objects.equals(a, b);
  }

  private Value fromCommandLine(String name, String text, Type t, Stmt.Param p) {
    Type base = t instanceof Type.OptionalT o ? o.inner() : t;
    if (base instanceof Type.Prim prim && (prim.kind() == Type.Kind.STRING || prim.kind() == Type.Kind.PATH || prim.kind() == Type.Kind.VERSION)) {
      return new Value.Str(text);
    }
    SyntaxTree tree = SyntaxParser.parse(new SourceFile("--var " + name, "x = " + text));
    if (!tree.ok() || tree.statements().size() != 1 || !(tree.statements().get(0) instanceof Stmt.Attribute a)) {
      throw fail(Code.BAD_VARIABLE, p.name().span(), "--var " + name + "=" + text + " is not a valid " + t.describe(), "quote strings; lists are written [a, b]");
    }
    return eval(a.value(), Env.EMPTY);
  }

  // ---- entities ------------------------------------------------------------------------------

  private void expandEntities() {
    expanding = true;
    for (TopDecl d : topDecls) {
      try {
        expand(d.stmt(), Env.EMPTY);
      } catch (EvalError e) {
        report(e);
      }
    }
    expanding = false;
  }

  private void expand(Stmt s, Env env) {
    switch (s) {
      case Stmt.Block b -> declareEntity(b, env);
      case Stmt.For f -> {
        Value it = eval(f.iterable(), env);
        forEach(it, f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
          if (f.guard() != null && !truthy(eval(f.guard(), inner), f.guard().span())) return;
          expandBody(f.body(), inner);
        });
      }
      case Stmt.If i -> {
        boolean c = truthy(eval(i.condition(), env), i.condition().span());
        expandBody(c ? i.then() : i.otherwise(), env);
      }
      default -> diags.error(Code.MISPLACED_DECLARATION, s.span(), "only blocks may appear inside a top-level `for` or `if`", null);
    }
  }

  /** The body of a top-level `for` or `if`: a `let` there binds a name for the statements after it. */
  private void expandBody(List<Stmt> body, Env env) {
    for (Stmt b : body) {
      if (b instanceof Stmt.Let l) {
        env = env.bind(l.name().name(), eval(l.value(), env));
      } else {
        expand(b, env);
      }
    }
  }

  private void declareEntity(Stmt.Block b, Env env) {
    String kind = b.kind().name();
    Schema schema = schemas.get(kind);
    if (schema == null || !schema.isKind()) {
      var kinds = schemas.values().stream().filter(Schema::isKind).map(Schema::name).toList();
      String hint = Spelling.didYouMean(kind, kinds);
      if (schema == null && resolver.stdlib("std/" + kind).isPresent()) {
        diags.error(Code.UNKNOWN_KIND, b.kind().span(), "unknown kind `" + kind + "`",
            "`" + kind + "` is declared in the stdlib: add `import \"std/" + kind + "\"` at the top of the file");
        return;
      }
      diags.error(Code.UNKNOWN_KIND, b.kind().span(), "unknown kind `" + kind + "`",
          (hint != null ? hint + " " : "") + (schema != null ? "`" + kind + "` is a record type, written inside a block" : "declare it with `@kind schema " + kind + " { ... }` or import the module that does"));
      return;
    }
    String name = b.label() == null ? kind : labelText(b.label(), env);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      diags.error(Code.TYPE_MISMATCH, b.label().span(), "`" + name + "` is not a valid name", "names start with a letter and hold letters, digits, `-`, `_` and `.`");
      return;
    }
    declareEntity(b, env, schema, name);
  }

  /** Records block {@code b} under {@code name}; false when it cannot be (declared twice, past the limit). */
  private boolean declareEntity(Stmt.Block b, Env env, Schema schema, String name) {
    String kind = b.kind().name();
    String addr = kind + "." + name;
    // Duplicates count too: a `for` redeclaring 20,000 names 2,000 times made 5 million
    // "declared twice" errors (17 s of CPU, found by the fuzz campaign on seed 119).
    if (++blocksDeclared > MAX_ENTITIES) {
      throw fail(Code.EVALUATION_LIMIT, b.kind().span(), "the program declares more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_ENTITIES) + " blocks",
          "no cluster has that many; check the bounds of the `for` making them");
    }
    if (entityDecls.containsKey(addr)) {
      diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, b.label() == null ? b.kind().span() : b.label().span(), "`" + addr + "` is declared twice", "each " + kind + " needs its own name")
          .withRelated(new Related(entityDecls.get(addr).block().span(), "first declared here")));
      return false;
    }
    if (entityDecls.size() >= MAX_ENTITIES) {
      // Thrown, not collected: it ends the `for` making the blocks instead of failing each pass.
      throw fail(Code.EVALUATION_LIMIT, b.kind().span(), "the program declares more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_ENTITIES) + " blocks",
          "no cluster has that many; check the bounds of the `for` making them");
    }
    var items = new LinkedHashMap<String, Item>();
    collectItems(b.body(), env, items, addr, schema);
    entityDecls.put(addr, new EntityDecl(kind, name, b, env, items));
    entitiesByName.computeIfAbsent(name, k -> new HashSet<>()).add(kind);
    return true;
  }

  // ---- hooks for the stage that expands kinds' bodies (KindBodies) -----------------------------

  Stmt.Schema schemaDecl(String name) { return schemaStubs.containsKey(name) ? schemaStubs.get(name).stmt() : null; }

  Schema schema(String name) { return schemas.get(name); }

  List<Stmt.Schema> schemaDecls() { return schemaStubs.values().stream().map(SchemaDecl::stmt).toList(); }

  String label(Stmt.Block b, Env env) { return b.label() == null ? b.kind().name() : labelText(b.label(), env); }

  void report(Diagnostic d) { diags.add(d); }

  Map<String, SyntaxTree> instancedModules() { return instancedModules; }

  /** The imports of module {@code path}, each with the file it is in. */
  List<Map.Entry<Stmt.Import, SyntaxTree>> importsOf(String path) {
    return importSites.getOrDefault(path, List.of()).stream().map(site -> Map.entry(site.stmt(), site.importer())).toList();
  }

  /** The param values one import of {@code path} gives, type-checked with located errors; null when one was refused. */
  Map<String, Value> paramsAt(Stmt.Import im, SyntaxTree importer, String path) {
    var typer = new TypeResolver(schemaStubs.keySet(), decls.kindNames(), enums, diags);
    Map<String, Stmt.Param> declaredParams = moduleParams.getOrDefault(path, Map.of());
    var types = new LinkedHashMap<String, Type>();
    for (Stmt.Param p : declaredParams.values()) types.put(p.name().name(), typer.resolve(p.type()));
    SiteValues v = moduleParamsAt(new ImportSite(im, importer), path, declaredParams, types);
    return v.ok() ? v.values() : null;
  }

  /** Declares a block a body makes under its qualified {@code name}, checked as a top-level one; false if refused. */
  boolean declareBodyBlock(Stmt.Block b, Env env, String name) {
    Schema schema = schemas.get(b.kind().name());
    if (schema == null || !schema.isKind()) {
      declareEntity(b, env); // reports the unknown kind, with its hint
      return false;
    }
    return declareEntity(b, env, schema, name);
  }

  /** Evaluates a block {@link #declareBodyBlock} declared: once all of its body's blocks are, so they may refer to each other. */
  Entity evaluateBodyBlock(String kind, String name) { return evaluateEntity(entityDecls.get(kind + "." + name)); }

  /** The statement that declared block {@code addr}, or null: tells a body's block met again (another instance) from a clash. */
  Stmt.Block declaringStatement(String addr) {
    EntityDecl d = entityDecls.get(addr);
    return d == null ? null : d.block();
  }

  /** Drops a block declared only to be evaluated and merged into another (an account two instances declare). */
  void forgetBodyBlock(String kind, String name) {
    entityDecls.remove(kind + "." + name);
    attrValues.remove(kind + "." + name);
  }

  /**
   * The attributes and nested blocks of a body, with `if`, `for` and `let` applied: a `for` repeats
   * its body once per element, so it can make several blocks of a list-of-records attribute.
   */
  private void collectItems(List<Stmt> body, Env env, Map<String, Item> items, String owner, Schema schema) {
    for (Stmt s : body) {
      switch (s) {
        case Stmt.Attribute a -> putItem(items, new Item(a.name().name(), a, env), a.name().span(), owner, schema);
        case Stmt.Block nb -> putItem(items, new Item(nb.kind().name(), nb, env), nb.kind().span(), owner, schema);
        case Stmt.If i -> {
          boolean c = truthy(eval(i.condition(), env), i.condition().span());
          collectItems(c ? i.then() : i.otherwise(), env, items, owner, schema);
        }
        case Stmt.Let l -> env = env.bind(l.name().name(), eval(l.value(), env));
        case Stmt.For f -> {
          Value it = eval(f.iterable(), env);
          forEach(it, f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
            if (f.guard() != null && !truthy(eval(f.guard(), inner), f.guard().span())) return;
            collectItems(f.body(), inner, items, owner, schema);
          });
        }
        default -> diags.error(Code.MISPLACED_DECLARATION, s.span(), "not allowed inside a block", null);
      }
    }
  }

  private void putItem(Map<String, Item> items, Item item, Span span, String owner, Schema schema) {
    Item prev = items.putIfAbsent(item.name(), item);
    if (prev == null) return;
    Schema.Field field = schema == null ? null : schema.fields().get(item.name());
    // Blocks the schema does not have are reported once, as unknown, not again as repeated.
    if (prev.stmt() instanceof Stmt.Block && item.stmt() instanceof Stmt.Block && (field == null || listOfRecords(field.type()) != null)) {
      prev.repeats().add(item);
      return;
    }
    String message = "`" + item.name() + "` is set twice in `" + owner + "`";
    String hint = "keep one";
    if (prev.stmt() == item.stmt()) {
      // The same statement again: a `for` around it ran more than once.
      message = "`" + item.name() + "` is set on more than one pass of a `for` in `" + owner + "`";
      hint = item.stmt() instanceof Stmt.Block && field != null
          ? "`" + item.name() + "` takes a single " + (field.type() instanceof Type.OptionalT o ? o.inner() : field.type()).describe()
              + " block; only list-of-records attributes take one block per pass"
          : "a `for` inside a block repeats blocks; to build a list, write `" + item.name() + " = [for x in xs : ...]`";
    }
    diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, span, message, hint)
        .withRelated(new Related(prev.stmt().span(), "first set here")));
  }

  /** The record type of a list-of-records field such as `address_pools: list(docker_pool)`, else null. */
  private static Type listOfRecords(Type t) {
    if (t instanceof Type.OptionalT o) t = o.inner();
    if (t instanceof Type.ListT l) {
      Type e = l.element() instanceof Type.OptionalT o ? o.inner() : l.element();
      if (e instanceof Type.RecordT) return l.element();
    }
    return null;
  }

  /** A nested block's value: a record, or for a list-of-records attribute one record per block written. */
  private Value blockValue(Item it, Type expected, String owner) {
    Type element = listOfRecords(expected);
    if (element == null) return record((Stmt.Block) it.stmt(), expected, it.env(), owner);
    var out = new ArrayList<Value>();
    out.add(record((Stmt.Block) it.stmt(), element, it.env(), owner));
    for (Item more : it.repeats()) out.add(record((Stmt.Block) more.stmt(), element, more.env(), owner));
    return new Value.ListV(out);
  }

  private String labelText(Expr label, Env env) {
    return switch (label) {
      case Expr.Name n -> n.name();
      default -> {
        Value v = eval(label, env);
        String t = Values.text(v);
        if (t == null) throw fail(Code.TYPE_MISMATCH, label.span(), "a block label must be text, found " + v.typeName(), null);
        yield t;
      }
    };
  }

  private Entity evaluateEntity(EntityDecl d) {
    Schema schema = schemas.get(d.kind());
    String addr = d.kind() + "." + d.name();
    var values = new TreeMap<String, Value>();
    var spans = new TreeMap<String, Span>();
    for (Item it : d.items().values()) {
      spans.put(it.name(), it.stmt().span());
      nestedSpans(it.name(), it.stmt(), spans);
      if (!schema.fields().containsKey(it.name())) {
        diags.error(Code.UNKNOWN_ATTRIBUTE, it.stmt() instanceof Stmt.Attribute a ? a.name().span() : ((Stmt.Block) it.stmt()).kind().span(),
            "`" + d.kind() + "` has no attribute `" + it.name() + "`", hintItem(it, schema));
        continue;
      }
      try {
        values.put(it.name(), attribute(addr, it.name()));
      } catch (EvalError e) {
        report(e);
      }
    }
    for (Schema.Field f : schema.fields().values()) {
      if (values.containsKey(f.name()) || d.items().containsKey(f.name())) continue;
      if (f.defaultValue() != null) {
        try {
          values.put(f.name(), attribute(addr, f.name()));
        } catch (EvalError e) {
          report(e);
        }
      } else if (f.required()) {
        Span at = d.block().label() != null ? d.block().label().span() : d.block().kind().span();
        diags.error(Code.MISSING_ATTRIBUTE, at, "`" + addr + "` needs `" + f.name() + "` (" + f.type().describe() + ")",
            "add `" + f.name() + " = ...` to the block" + (f.doc() == null ? "" : ": " + f.doc().lines().findFirst().orElse("")));
      } else {
        values.put(f.name(), new Value.Null());
      }
    }
    return new Entity(d.kind(), d.name(), d.block().span(), values, spans, d.block().annotations());
  }

  /**
   * Spans of the attributes written inside a nested block or object ({@code gpu.model}), so a
   * check can point at the one attribute to change rather than the whole block.
   */
  private static void nestedSpans(String prefix, Stmt stmt, Map<String, Span> spans) {
    switch (stmt) {
      case Stmt.Block b -> {
        for (Stmt inner : b.body()) {
          if (inner instanceof Stmt.Attribute a) spans.putIfAbsent(prefix + "." + a.name().name(), a.span());
          if (inner instanceof Stmt.Block nb) spans.putIfAbsent(prefix + "." + nb.kind().name(), nb.span());
        }
      }
      case Stmt.Attribute a when a.value() instanceof Expr.ObjectLit o -> {
        for (Expr.ObjectEntry e : o.entries()) {
          String key = switch (e.key()) {
            case Expr.Name n -> n.name();
            case Expr.Str str -> str.literalValue();
            default -> null;
          };
          if (key != null) spans.putIfAbsent(prefix + "." + key, e.span());
        }
      }
      default -> { }
    }
  }

  /** The hint for an unknown attribute or nested block: a kind's block belongs at the top level. */
  private String hintItem(Item it, Schema schema) {
    Schema other = schemas.get(it.name());
    if (it.stmt() instanceof Stmt.Block && other != null && other.isKind()) {
      return "`" + it.name() + "` is a kind: its blocks are declared at the top level, not inside a `" + schema.name() + "`; move the block (or the `for` making it) out";
    }
    return hintFields(it.name(), schema);
  }

  private static String hintFields(String name, Schema schema) {
    String dym = Spelling.didYouMean(name, schema.fields().keySet());
    return dym != null ? dym : "`" + schema.name() + "` has " + String.join(", ", schema.fields().keySet());
  }

  /** An entity's attribute, evaluated once and type-checked; cycles are reported with their path. */
  private Value attribute(String addr, String name) {
    Map<String, Value> memo = attrValues.computeIfAbsent(addr, k -> new HashMap<>());
    Value v = memo.get(name);
    if (v != null) return v;
    EntityDecl d = entityDecls.get(addr);
    Schema.Field field = schemas.get(d.kind()).fields().get(name);
    Item it = d.items().get(name);
    String key = addr + "." + name;
    Span at = it != null ? it.stmt().span() : field.span();
    enter(key, at);
    try {
      if (it == null) {
        v = field.defaultValue() != null ? eval(field.defaultValue(), Env.EMPTY.bind("self", new Value.Ref(d.kind(), d.name()))) : new Value.Null();
        if (field.defaultValue() != null) v = conform(v, field.type(), field.defaultValue().span(), "the default of `" + name + "`");
      } else {
        Span valueSpan;
        Value raw;
        if (it.stmt() instanceof Stmt.Attribute a) {
          raw = eval(a.value(), it.env());
          valueSpan = a.value().span();
        } else {
          raw = blockValue(it, field.type(), addr);
          valueSpan = it.stmt().span();
        }
        v = conform(raw, field.type(), valueSpan, "`" + name + "`");
      }
      memo.put(name, v);
      return v;
    } finally {
      exit(key);
    }
  }

  /** A nested block, such as {@code gpu { ... }}, evaluated against its record schema. */
  private Value record(Stmt.Block nb, Type expected, Env env, String owner) {
    Type t = expected instanceof Type.OptionalT o ? o.inner() : expected;
    if (!(t instanceof Type.RecordT rt)) {
      throw fail(Code.TYPE_MISMATCH, nb.kind().span(), "`" + nb.kind().name() + "` is a " + expected.describe() + ", not a block",
          "write it as `" + nb.kind().name() + " = ...`");
    }
    if (nb.label() != null) throw fail(Code.TYPE_MISMATCH, nb.label().span(), "`" + nb.kind().name() + "` blocks take no label", null);
    Schema schema = schemas.get(rt.schema());
    var items = new LinkedHashMap<String, Item>();
    collectItems(nb.body(), env, items, owner + "." + nb.kind().name(), schema);
    var fields = new TreeMap<String, Value>();
    for (Item it : items.values()) {
      Schema.Field f = schema.fields().get(it.name());
      if (f == null) {
        diags.error(Code.UNKNOWN_ATTRIBUTE, it.stmt().span(), "`" + schema.name() + "` has no attribute `" + it.name() + "`", hintItem(it, schema));
        continue;
      }
      Value raw = it.stmt() instanceof Stmt.Attribute a ? eval(a.value(), it.env()) : blockValue(it, f.type(), owner);
      fields.put(it.name(), raw);
    }
    return new Value.Obj(fields);
  }

  private void enter(String key, Span at) {
    if (!inProgressSet.add(key)) {
      var path = new ArrayList<>(inProgress);
      int from = path.indexOf(key);
      var cycle = new ArrayList<>(path.subList(Math.max(0, from), path.size()));
      cycle.add(key);
      throw fail(Code.CYCLE, at, "`" + key + "` depends on itself: " + String.join(" -> ", cycle), "break the cycle: one of these values must not refer to the others");
    }
    inProgress.addLast(key);
  }

  private void exit(String key) {
    inProgress.removeLast();
    inProgressSet.remove(key);
  }

  // ---- type conformance --------------------------------------------------------------------

  private Value conform(Value v, Type t, Span at, String what) {
    return Conformance.conform(v, t, at, what, schemas, this::fail);
  }

  void report(EvalError e) {
    if (e.diagnostic != null) diags.add(e.diagnostic);
  }

  EvalError fail(Code code, Span span, String message, String hint) {
    return new EvalError(Diagnostic.error(code, span, message, hint));
  }

  // ---- expressions ---------------------------------------------------------------------------

  Value eval(Expr e, Env env) {
    step(e.span());
    return switch (e) {
      case Expr.Int i -> new Value.Int(i.value());
      case Expr.Float f -> new Value.Flt(f.value());
      case Expr.Unit u -> QuantityBounds.check(new Value.Quantity(Units.kindOf(u.unit()), u.number().multiply(Units.factor(u.unit())), u.numberText() + u.unit()), u.span(), this::fail);
      case Expr.Bool b -> new Value.Bool(b.value());
      case Expr.Null n -> new Value.Null();
      case Expr.Ip ip -> new Value.Ip(ip.text());
      case Expr.Cidr c -> new Value.Cidr(c.text());
      case Expr.Str s -> string(s.parts(), env, s.span());
      case Expr.Heredoc h -> string(h.parts(), env, h.span());
      case Expr.Name n -> name(n, env);
      case Expr.Member m -> member(m, env);
      case Expr.Index ix -> index(ix, env);
      case Expr.Call c -> Builtins.call(this, c, env);
      case Expr.Unary u -> unary(u, env);
      case Expr.Binary b -> Operators.binary(this, b, env);
      case Expr.Conditional c -> truthy(eval(c.condition(), env), c.condition().span()) ? eval(c.then(), env) : eval(c.otherwise(), env);
      case Expr.Paren p -> eval(p.inner(), env);
      case Expr.ListLit l -> {
        var items = new ArrayList<Value>(l.items().size());
        for (Expr x : l.items()) items.add(eval(x, env));
        yield new Value.ListV(items);
      }
      case Expr.ObjectLit o -> {
        var fields = new TreeMap<String, Value>();
        for (Expr.ObjectEntry en : o.entries()) {
          String k = en.key() instanceof Expr.Name n ? n.name() : Values.text(eval(en.key(), env));
          if (k == null) throw fail(Code.TYPE_MISMATCH, en.key().span(), "object keys must be text", null);
          if (fields.put(k, eval(en.value(), env)) != null) throw fail(Code.DUPLICATE_DECLARATION, en.key().span(), "key `" + k + "` appears twice", null);
        }
        yield new Value.Obj(fields);
      }
      case Expr.ListFor f -> {
        var out = new ArrayList<Value>();
        forEach(eval(f.iterable(), env), f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
          if (f.guard() != null && !truthy(eval(f.guard(), inner), f.guard().span())) return;
          if (out.size() >= MAX_ITEMS) throw fail(Code.EVALUATION_LIMIT, f.span(), "list grows past " + MAX_ITEMS + " items", null);
          out.add(eval(f.body(), inner));
        });
        yield new Value.ListV(out);
      }
      case Expr.MapFor f -> {
        var out = new TreeMap<String, Value>();
        forEach(eval(f.iterable(), env), f.iterable().span(), f.key() == null ? null : f.key().name(), f.value().name(), env, inner -> {
          if (f.guard() != null && !truthy(eval(f.guard(), inner), f.guard().span())) return;
          String k = Values.text(eval(f.keyExpr(), inner));
          if (k == null) throw fail(Code.TYPE_MISMATCH, f.keyExpr().span(), "map keys must be text", null);
          if (out.put(k, eval(f.valueExpr(), inner)) != null) throw fail(Code.DUPLICATE_DECLARATION, f.keyExpr().span(), "key `" + k + "` produced twice", "make the key expression unique per item");
        });
        yield new Value.Obj(out);
      }
      case Expr.Bad b -> throw fail(Code.UNEXPECTED_TOKEN, b.span(), "cannot evaluate an expression with syntax errors", null);
    };
  }

  /**
   * Counts one step against {@link #MAX_STEPS}: each expression evaluated and each pass of a `for`
   * (a pass need evaluate nothing: `for` nested in `for` around a misplaced attribute ran 20,000³ passes).
   */
  private void step(Span at) { steps(1, at); }

  /** Counts {@code n} steps at once: a range costs one per item it builds. */
  void steps(long n, Span at) {
    steps += n;
    if (steps > MAX_STEPS) {
      throw fail(Code.EVALUATION_LIMIT, at, "evaluation takes too many steps (over " + MAX_STEPS + ")", "a loop or comprehension is far larger than any cluster; check its bounds");
    }
  }

  void forEach(Value it, Span at, String keyVar, String valueVar, Env env, java.util.function.Consumer<Env> body) {
    switch (it) {
      case Value.ListV l -> {
        for (int i = 0; i < l.items().size(); i++) {
          step(at);
          Env inner = keyVar == null ? env.bind(valueVar, l.items().get(i)) : env.bind(keyVar, new Value.Int(i)).bind(valueVar, l.items().get(i));
          body.accept(inner);
        }
      }
      case Value.Obj o -> {
        for (var en : o.fields().entrySet()) {
          step(at);
          Env inner = keyVar == null ? env.bind(valueVar, new Value.Str(en.getKey())) : env.bind(keyVar, new Value.Str(en.getKey())).bind(valueVar, en.getValue());
          body.accept(inner);
        }
      }
      default -> throw fail(Code.TYPE_MISMATCH, at, "`for` needs a list or a map, found " + it.typeName(), "write a range as `1..n`");
    }
  }

  boolean truthy(Value v, Span at) {
    if (v instanceof Value.Bool b) return b.value();
    throw fail(Code.TYPE_MISMATCH, at, "expected a bool, found " + v.typeName(), null);
  }

  private Value string(List<Expr.StringPart> parts, Env env, Span at) {
    var sb = new StringBuilder();
    var taint = new Taint();
    for (Expr.StringPart p : parts) {
      switch (p) {
        case Expr.Text t -> sb.append(t.value());
        case Expr.Interpolation in -> {
          Value v = eval(in.expr(), env);
          if (v instanceof Value.Secret s) {
            // A string built from a secret is itself secret; its text never leaves the value.
            sb.append(taint.read(s));
            continue;
          }
          String text = Values.text(v);
          if (text == null) {
            throw fail(Code.TYPE_MISMATCH, in.span(), "cannot put a " + v.typeName() + " into a string", "interpolate text, numbers, quantities, addresses or names; use join() for lists");
          }
          sb.append(text);
        }
      }
      if (sb.length() > MAX_STRING) throw fail(Code.EVALUATION_LIMIT, at, "string grows past " + MAX_STRING + " characters", null);
    }
    return taint.result(sb.toString());
  }

  private Value name(Expr.Name n, Env env) {
    String name = n.name();
    Value local = env.lookup(name);
    if (local != null) return local;
    switch (bindings.outer(n.span(), name)) {
      case Binding.ModuleParam mp -> {
        Value p = moduleParamValues.getOrDefault(mp.module(), Map.of()).get(name);
        if (p == null && refusedModuleParams.contains(mp.module() + "\0" + name)) throw EvalError.alreadyReported();
        if (p == null) throw paramWithoutValue(n);
        return p;
      }
      case Binding.Let l -> { return let(name); }
      case Binding.Param pa -> {
        Value p = paramValues.get(name);
        if (p == null) throw paramWithoutValue(n);
        return p;
      }
      default -> { }
    }
    Set<String> kinds = entitiesByName.get(name);
    if (kinds != null && !expanding) {
      if (kinds.size() > 1) {
        throw fail(Code.UNKNOWN_NAME, n.span(), "`" + name + "` names several things: " + String.join(", ", kinds.stream().sorted().map(k -> k + "." + name).toList()),
            "say which by its kind: " + String.join(" or ", kinds.stream().sorted().map(k -> "`" + k + "." + name + "`").toList()));
      }
      return new Value.Ref(kinds.iterator().next(), name);
    }
    for (Type.EnumT en : enums.values()) {
      if (en.members().contains(name)) return new Value.EnumV(en.name(), name);
    }
    if (expanding && entityDeclNames().contains(name)) {
      throw fail(Code.CYCLE, n.span(), "`" + name + "` cannot be used to decide which blocks exist", "loops and conditions that generate blocks may use params and lets, not other blocks");
    }
    throw fail(Code.UNKNOWN_NAME, n.span(), "unknown name `" + name + "`", unknownNameHint(name, env));
  }

  private EvalError paramWithoutValue(Expr.Name n) {
    if (currentParam != null) return fail(Code.CYCLE, n.span(), "param `" + currentParam + "` cannot depend on param `" + n.name() + "`", "params take their values from outside; use a `let` to combine them");
    return fail(Code.UNKNOWN_NAME, n.span(), "param `" + n.name() + "` has no value", null);
  }

  /** "Did you mean" hints for unknown names, by name and the local names in scope. */
  private final Map<String, Optional<String>> unknownNameHints = new HashMap<>();

  /**
   * The hint for an unknown name, computed once per name (and loop variables in scope): a typo
   * inside a `for` over 20,000 nodes would otherwise scan every name in scope 20,000 times.
   */
  private String unknownNameHint(String name, Env env) {
    List<String> locals = env.names();
    // While blocks are still being declared the names in scope grow; those hints are not kept for after.
    return unknownNameHints.computeIfAbsent(expanding + "\0" + name + "\0" + String.join("\0", locals), k -> {
      var candidates = new ArrayList<String>(locals);
      candidates.addAll(lets.keySet());
      candidates.addAll(params.keySet());
      candidates.addAll(entitiesByName.keySet());
      enums.values().forEach(en -> candidates.addAll(en.members()));
      String hint = Spelling.didYouMean(name, candidates);
      if (hint == null && name.contains("-") && name.matches(".*[A-Za-z0-9_]-[A-Za-z0-9_].*")) {
        hint = "names may contain `-`; for subtraction put spaces around it: `" + name.replace("-", " - ") + "`";
      }
      return Optional.ofNullable(hint);
    }).orElse(null);
  }

  private Set<String> entityDeclNames() {
    var out = new HashSet<String>();
    for (TopDecl d : topDecls) if (d.stmt() instanceof Stmt.Block b && b.label() instanceof Expr.Name nm) out.add(nm.name());
    return out;
  }

  private Value let(String name) {
    Value v = letValues.get(name);
    if (v != null) return v;
    Stmt.Let l = lets.get(name);
    enter("let " + name, l.span());
    try {
      v = eval(l.value(), Env.EMPTY);
      letValues.put(name, v);
      return v;
    } finally {
      exit("let " + name);
    }
  }

  private Value member(Expr.Member m, Env env) {
    Value.Ref qualified = qualifiedReference(m, env);
    if (qualified != null) return qualified;
    Value target = eval(m.target(), env);
    String name = m.member().name();
    return switch (target) {
      case Value.Ref r -> {
        if (name.equals("name")) yield new Value.Str(r.name());
        Schema s = schemas.get(r.kind());
        if (s == null || !s.fields().containsKey(name)) {
          throw fail(Code.UNKNOWN_ATTRIBUTE, m.member().span(), "`" + r.kind() + "` has no attribute `" + name + "`", s == null ? null : hintFields(name, s));
        }
        yield attribute(r.kind() + "." + r.name(), name);
      }
      case Value.Obj o -> {
        Value v = o.fields().get(name);
        if (v == null) throw fail(Code.UNKNOWN_ATTRIBUTE, m.member().span(), "no field `" + name + "`", Spelling.didYouMean(name, o.fields().keySet()));
        yield v;
      }
      case Value.Cidr c when name.equals("prefix") -> new Value.Int(Long.parseLong(c.text().substring(c.text().indexOf('/') + 1)));
      default -> throw fail(Code.TYPE_MISMATCH, m.member().span(), "a " + target.typeName() + " has no attribute `" + name + "`", null);
    };
  }

  /**
   * `KIND.NAME` (`user.labops`, `group.labops`): a top-level block named by its kind, so a user and
   * a group may share a name. Only when KIND is a declarable kind that no local, let, param or
   * block of that name shadows; `node.name` on a block called `node` keeps meaning its attribute.
   */
  private Value.Ref qualifiedReference(Expr.Member m, Env env) {
    if (!(m.target() instanceof Expr.Name k) || expanding) return null;
    String kind = k.name();
    Schema schema = schemas.get(kind);
    if (schema == null || !schema.isKind() || env.lookup(kind) != null || entitiesByName.containsKey(kind)) return null;
    if (!(bindings.outer(k.span(), kind) instanceof Binding.Global)) return null;
    String name = m.member().name();
    if (entityDecls.containsKey(kind + "." + name)) return new Value.Ref(kind, name);
    var candidates = entityDecls.values().stream().filter(d -> d.kind().equals(kind)).map(EntityDecl::name).toList();
    String hint = Spelling.didYouMean(name, candidates);
    throw fail(Code.UNKNOWN_NAME, m.member().span(), "no " + kind + " named `" + name + "`",
        hint != null ? hint : candidates.isEmpty() ? "no `" + kind + "` block is declared" : "the " + kind + " blocks are " + String.join(", ", candidates.stream().limit(8).toList()));
  }

  private Value index(Expr.Index ix, Env env) {
    Value target = eval(ix.target(), env);
    Value key = eval(ix.index(), env);
    if (target instanceof Value.ListV l && key instanceof Value.Int i) {
      if (i.value() < 0 || i.value() >= l.items().size()) {
        throw fail(Code.OUT_OF_RANGE, ix.index().span(), "index " + i.value() + " is out of range for a list of " + l.items().size(), null);
      }
      return l.items().get((int) i.value());
    }
    if (target instanceof Value.Obj o && Values.text(key) != null) {
      Value v = o.fields().get(Values.text(key));
      if (v == null) throw fail(Code.UNKNOWN_ATTRIBUTE, ix.index().span(), "no key `" + Values.text(key) + "`", Spelling.didYouMean(Values.text(key), o.fields().keySet()));
      return v;
    }
    throw fail(Code.TYPE_MISMATCH, ix.span(), "cannot index a " + target.typeName() + " with a " + key.typeName(), null);
  }

  private Value unary(Expr.Unary u, Env env) {
    Value v = eval(u.operand(), env);
    return switch (u.op()) {
      case NOT -> new Value.Bool(!truthy(v, u.operand().span()));
      case NEG -> switch (v) {
        case Value.Int i -> new Value.Int(-i.value());
        case Value.Flt f -> new Value.Flt(-f.value());
        case Value.Quantity q -> new Value.Quantity(q.dimension(), q.base().negate(), "-" + q.text());
        default -> throw fail(Code.TYPE_MISMATCH, u.span(), "cannot negate a " + v.typeName(), null);
      };
    };
  }

  // ---- accessors for builtins ------------------------------------------------------------------

  List<Value.Ref> entitiesOfKind(String kind) {
    // The kind's range of the sorted addresses, not a scan of every block: nodes() in each of
    // 20,000 blocks made that quadratic.
    return entityDecls.subMap(kind + ".", kind + "." + Character.MAX_VALUE).values().stream().map(d -> new Value.Ref(kind, d.name())).toList();
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

  boolean isExpanding() { return expanding; }

  String currentParam() { return currentParam; }

  Function<String, String> environment() { return options.environment(); }

  static BigDecimal div(BigDecimal a, BigDecimal b) { return a.divide(b, 12, RoundingMode.HALF_EVEN).stripTrailingZeros(); }
}

package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.diag.Spelling;
import dev.labc.eval.ModuleLoad.ImportSite;
import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import dev.labc.syntax.antlr.SyntaxParser;
import dev.labc.types.Type;
import dev.labc.types.TypeResolver;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs stage: the program's params from `--var`, `--var-file`, defaults and the environment,
 * and each module's params from the braces of the imports naming it. Writes the param values of
 * {@link EvalState}; reads values through the interpreter.
 */
final class Inputs {
  private final EvalState st;
  private final Interpreter interpreter;

  Inputs(EvalState st, Interpreter interpreter) {
    this.st = st;
    this.interpreter = interpreter;
  }

  /**
   * A secret whose source (an environment variable) is unset: `check` warns; plan and apply make it
   * an error (Pipeline), so an apply never starts without it and fails halfway.
   */
  private void unsetSecret(String param, Value.Secret secret, Stmt.Param p) {
    String variable = secret.source().startsWith("env ") ? secret.source().substring(4) : secret.source();
    st.diags.warning(Code.SECRET_UNSET, p.defaultValue() != null ? p.defaultValue().span() : p.name().span(),
        "secret param " + (param.startsWith("`") ? param : "`" + param + "`") + " has no value: the environment variable " + variable + " is not set",
        "set " + variable + " in the environment of `labc plan` and `labc apply`; plan and apply refuse to run without it");
  }

  void computeParams() {
    var varFileValues = new HashMap<String, Expr>();
    for (SourceFile vf : st.options.varFiles()) {
      SyntaxTree t = SyntaxParser.parse(vf);
      st.diags.addAll(t.diagnostics());
      for (Stmt s : t.statements()) {
        if (s instanceof Stmt.Attribute a) {
          varFileValues.put(a.name().name(), a.value());
          if (!st.params.containsKey(a.name().name())) {
            st.diags.error(Code.BAD_VARIABLE, a.name().span(), "no param named `" + a.name().name() + "`", Spelling.didYouMean(a.name().name(), st.params.keySet()));
          }
        } else {
          st.diags.error(Code.BAD_VARIABLE, s.span(), "a var file holds only `name = value` lines", null);
        }
      }
    }
    for (var e : st.options.vars().entrySet()) {
      if (!st.params.containsKey(e.getKey())) {
        st.diags.error(Code.BAD_VARIABLE, null, "--var " + e.getKey() + ": no param named `" + e.getKey() + "`", Spelling.didYouMean(e.getKey(), st.params.keySet()));
      }
    }
    var typer = new TypeResolver(st.schemaStubs.keySet(), st.decls.kindNames(), st.enums, st.diags);
    for (Stmt.Param p : st.params.values()) {
      String name = p.name().name();
      Type t = typer.resolve(p.type());
      st.currentParam = name;
      try {
        Value v;
        if (st.options.vars().containsKey(name)) {
          if (p.secret()) {
            st.diags.error(Code.SECRET_MISUSE, p.name().span(), "secret param `" + name + "` cannot be set with --var, where it would show in shell history and process lists",
                "set it in a --var-file or through its default, e.g. `= env(\"" + name.toUpperCase() + "\")`");
            continue;
          }
          v = fromCommandLine(name, st.options.vars().get(name), t, p);
        } else if (varFileValues.containsKey(name)) {
          v = interpreter.eval(varFileValues.get(name), Env.EMPTY);
        } else if (p.defaultValue() != null) {
          v = interpreter.eval(p.defaultValue(), Env.EMPTY);
        } else if (t instanceof Type.OptionalT) {
          v = new Value.Null(); // `param notes: string?` is optional: left unset, it is null
        } else {
          st.diags.error(Code.MISSING_ATTRIBUTE, p.name().span(), "param `" + name + "` has no value",
              "give it a default, or pass --var " + name + "=VALUE or a --var-file");
          continue;
        }
        if (p.secret() && !(v instanceof Value.Secret)) {
          v = new Value.Secret("param " + name, Values.text(v));
        }
        if (v instanceof Value.Secret unset && unset.value() == null) unsetSecret(name, unset, p);
        Value checked = p.secret() ? v : st.conform(v, t, p.defaultValue() != null ? p.defaultValue().span() : p.name().span(), "param `" + name + "`");
        st.paramValues.put(name, checked);
      } catch (EvalError err) {
        st.report(err);
      } finally {
        st.currentParam = null;
      }
    }
    // Importers before the modules they import (modules are loaded depth-first, root last), so
    // an import's braces may use the importing file's own params.
    for (SyntaxTree t : st.modules.reversed()) {
      List<ImportSite> sites = st.importSites.getOrDefault(t.file().path(), List.of());
      if (st.instancedModules.containsKey(t.file().path())) continue; // their params are set per import, once blocks exist
      if (st.moduleParams.containsKey(t.file().path()) || sites.stream().anyMatch(site -> site.stmt().hasArguments())) {
        computeModuleParams(t, sites, typer);
      }
    }
  }

  /** A module's param shares its file with the module's lets; both in one file under one name is ambiguous. */
  void moduleParamsApartFromLets() {
    for (var byFile : st.moduleParams.entrySet()) {
      for (Stmt.Param p : byFile.getValue().values()) {
        Span other = st.declared.get(p.name().name());
        if (other != null && other.file().path().equals(byFile.getKey())) {
          st.diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, p.name().span(), "`" + p.name().name() + "` is declared twice",
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
    Map<String, Stmt.Param> declaredParams = st.moduleParams.getOrDefault(path, Map.of());
    var types = new LinkedHashMap<String, Type>();
    for (Stmt.Param p : declaredParams.values()) types.put(p.name().name(), typer.resolve(p.type()));
    SiteValues first = null;
    ImportSite firstSite = null;
    for (ImportSite site : sites.isEmpty() ? java.util.Collections.<ImportSite>singletonList(null) : sites) {
      SiteValues values = moduleParamsAt(site, path, declaredParams, types);
      if (first == null) {
        first = values;
        firstSite = site;
        st.moduleParamValues.put(path, values.values());
        for (String name : declaredParams.keySet()) {
          if (!values.values().containsKey(name)) st.refusedModuleParams.add(path + "\0" + name);
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
        st.diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, site.stmt().path().span(),
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
          st.diags.error(Code.UNKNOWN_ATTRIBUTE, a.name().span(), "module `" + site.stmt().path().literalValue() + "` has no param `" + name + "`", hint);
          ok = false;
        } else if (given.putIfAbsent(name, a) != null) {
          st.diags.add(Diagnostic.error(Code.DUPLICATE_DECLARATION, a.name().span(), "param `" + name + "` is set twice", "keep one")
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
      st.currentParam = name;
      try {
        Value v;
        Span at;
        if (arg != null) {
          v = interpreter.eval(arg.value(), Env.EMPTY);
          at = arg.value().span();
          if (p.secret() && !(v instanceof Value.Secret)) {
            st.diags.error(Code.SECRET_MISUSE, arg.value().span(), "param `" + name + "` of `" + module + "` is secret; plain text here would sit in the .lab and its plans",
                "pass a secret: declare `param " + name + ": secret string = env(\"" + name.toUpperCase() + "\")` in this file and write `" + name + " = " + name + "`");
            ok = false;
            continue;
          }
        } else if (p.defaultValue() != null) {
          v = interpreter.eval(p.defaultValue(), Env.EMPTY);
          at = p.defaultValue().span();
          if (p.secret() && !(v instanceof Value.Secret)) v = new Value.Secret("param " + name, Values.text(v));
          if (v instanceof Value.Secret unset && unset.value() == null) unsetSecret("`" + module + "`'s " + name, unset, p);
        } else if (t instanceof Type.OptionalT) {
          v = new Value.Null();
          at = p.name().span();
        } else {
          st.diags.error(Code.MISSING_ATTRIBUTE, site == null ? p.name().span() : site.stmt().path().span(),
              "module `" + module + "` needs param `" + name + "` (" + t.describe() + ")",
              site == null ? "give it a default" : "set it in the import's braces: `import \"" + module + "\" { " + name + " = ... }`");
          ok = false;
          continue;
        }
        values.put(name, p.secret() ? v : st.conform(v, t, at, "param `" + name + "` of `" + module + "`"));
      } catch (EvalError err) {
        st.report(err);
        ok = false;
      } finally {
        st.currentParam = null;
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
      throw st.fail(Code.BAD_VARIABLE, p.name().span(), "--var " + name + "=" + text + " is not a valid " + t.describe(), "quote strings; lists are written [a, b]");
    }
    return interpreter.eval(a.value(), Env.EMPTY);
  }

  /** The param values one import of {@code path} gives, type-checked with located errors; null when one was refused. */
  Map<String, Value> paramsAt(Stmt.Import im, SyntaxTree importer, String path) {
    var typer = new TypeResolver(st.schemaStubs.keySet(), st.decls.kindNames(), st.enums, st.diags);
    Map<String, Stmt.Param> declaredParams = st.moduleParams.getOrDefault(path, Map.of());
    var types = new LinkedHashMap<String, Type>();
    for (Stmt.Param p : declaredParams.values()) types.put(p.name().name(), typer.resolve(p.type()));
    SiteValues v = moduleParamsAt(new ImportSite(im, importer), path, declaredParams, types);
    return v.ok() ? v.values() : null;
  }
}

package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.shell.ShellQuote;
import dev.labc.source.SourceFile;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, point 9: a hostile string in any string field of any stdlib kind either fails `labc
 * check` with a located error, or reaches every planned command it changes as one argument,
 * unchanged. The kinds and their string fields are read from the stdlib's schemas; for each field
 * a valid program around it is built from the schema too. The changed commands run under bash in
 * a throwaway overlay of this machine's root (a mount namespace: nothing reaches the real disk),
 * with PATH holding only stubs that record their argv; the value must be found whole inside one
 * recorded argument. Strings come from jqwik arbitraries sampled with a fixed seed per field.
 */
class StdlibQuotingPropertyTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();
  static final long SEED = Long.getLong("labc.quotingSeed", 20261207L);
  static final String NODES = "node head {\n  address = 10.0.1.66\n  roles = [controller]\n}\nnode gpu-1 {\n  address = 10.0.1.75\n}\n";
  /** std/core's `command` is a lab's own shell code by definition (Arg.LabScript): its run and unless are not values. */
  static final Set<String> SHELL_CODE = Set.of("command.run", "command.unless");
  /** Every class the issue names: quotes, $(), backticks, ;, &&, newlines, globs, a leading -, non-ASCII. */
  static final List<String> FIXED = List.of("ops@x.org;$(reboot)", "ops@x.org;$(touch /pwned)", "a'b\"c", "`touch /pwned`", "x; touch /pwned", "x && touch /pwned",
      "line\nnext", "*", "-rf", "\u00e9\u4e2d\ud83d\ude00", "tag:a $(id)", "http://x/$(id)", "a b");
  static final int RANDOM_PER_FIELD = 3;
  /**
   * Fields that name a file labc itself reads at check time, relative to the .lab (a template, a
   * packaged chart, a manifest): no valid program holds an arbitrary name there, and the name
   * never reaches a host.
   */
  static final Set<String> LOCAL_FILES = Set.of("file.template", "chart.chart_file", "manifest.file");
  /**
   * Fields that name a step (`command["NAME"]`), which no shell ever reads: a hostile name gives the
   * command another address, which this harness would take for a command the value reached.
   */
  static final Set<String> STEP_NAMES = Set.of("command.name");
  /** What a valid block of these kinds needs beyond its schema's required fields (a rule the evaluator checks). */
  static final Map<String, String> ALSO = Map.of("file", "content = \"lab\\n\"",
      "manifest", "content = \"apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: lab\\n\"");

  @TempDir Path dir;

  /** A string field, reached from a kind through `path` (record fields, list elements, map values). */
  record Field(String kind, List<String> path, Type leaf, boolean secret) {
    String name() { return kind + "." + String.join(".", path); }
  }

  /** An import of every module in stdlib/std (std/core is always in scope). */
  static String imports() {
    var imports = new StringBuilder();
    try (var files = Files.list(ROOT.resolve("stdlib/std"))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".lab") && !n.equals("core.lab")).sorted()
          .forEach(n -> imports.append("import \"std/").append(n, 0, n.length() - 4).append("\"\n"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return imports.toString();
  }

  static final String IMPORTS = imports();

  static Program stdlib() {
    var checked = Pipeline.check(new SourceFile("t.lab", IMPORTS + NODES), Evaluator.Options.defaults());
    assertTrue(checked.ok(), () -> checked.diagnostics().toString());
    return checked.evaluation().program();
  }

  /** Every string-typed leaf of every kind, through records, lists and maps. */
  static List<Field> fields(Program p) {
    var out = new ArrayList<Field>();
    for (Schema s : p.schemas().values()) {
      if (!s.isKind()) continue;
      for (Schema.Field f : s.fields().values()) collect(p, s.name(), List.of(f.name()), f.type(), false, out, 0);
    }
    return out;
  }

  private static void collect(Program p, String kind, List<String> path, Type t, boolean secret, List<Field> out, int depth) {
    switch (t) {
      case Type.OptionalT o -> collect(p, kind, path, o.inner(), secret, out, depth);
      case Type.SecretT s -> collect(p, kind, path, s.inner(), true, out, depth);
      case Type.MayHoldSecretT m -> collect(p, kind, path, m.inner(), secret, out, depth);
      case Type.ListT l -> collect(p, kind, path, l.element(), secret, out, depth);
      case Type.MapT m -> collect(p, kind, path, m.value(), secret, out, depth);
      case Type.RecordT r -> {
        if (depth > 2) return;
        for (Schema.Field f : p.schemas().get(r.schema()).fields().values()) {
          var sub = new ArrayList<>(path);
          sub.add(f.name());
          collect(p, kind, sub, f.type(), secret, out, depth + 1);
        }
      }
      case Type.Prim prim -> {
        if (prim.kind() == Type.Kind.STRING || prim.kind() == Type.Kind.PATH || prim.kind() == Type.Kind.VERSION) {
          out.add(new Field(kind, path, prim, secret));
        }
      }
      default -> {}
    }
  }

  /** Builds .lab text for one block of a kind with the field under test set; supporting blocks and params are collected. */
  static final class ProgramText {
    final Program schemas;
    final Map<String, String> support = new LinkedHashMap<>();
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> env = new TreeMap<>();
    /** Which optional settings are switched on: a sum of REFS, BOOLS, RECORDS and STRINGS. */
    final int tier;

    ProgramText(Program schemas, int tier) {
      this.schemas = schemas;
      this.tier = tier;
    }

    String program(Field field, String leafExpr) {
      String also = ALSO.get(field.kind());
      String extra = also != null && !also.startsWith(field.path().get(0) + " ") ? "  " + also + "\n" : "";
      String block = field.kind() + " t {\n" + body(field.kind(), schemas.schemas().get(field.kind()), field.path(), leafExpr, field.secret()) + extra + "}\n";
      // Only the kind's own module: evaluating every import for every program would dominate the run.
      String module = schemas.schemas().get(field.kind()).span().file().path();
      Matcher std = Pattern.compile("std/([a-z]+)\\.lab$").matcher(module);
      var sb = new StringBuilder(std.find() && !std.group(1).equals("core") ? "import \"std/" + std.group(1) + "\"\n" : "").append(NODES);
      params.values().forEach(sb::append);
      support.values().forEach(sb::append);
      return sb + block;
    }

    private String body(String owner, Schema schema, List<String> path, String leafExpr, boolean secret) {
      var sb = new StringBuilder();
      for (Schema.Field f : schema.fields().values()) {
        String v;
        if (path != null && f.name().equals(path.get(0))) {
          v = path.size() == 1 ? wrap(f.type(), leafExpr, owner + "_" + f.name(), secret)
              : nested(f.type(), path.subList(1, path.size()), leafExpr, secret, owner + "_" + f.name());
        } else {
          v = setting(f, owner + "_" + f.name());
        }
        if (v != null) sb.append("  ").append(f.name()).append(" = ").append(v).append('\n');
      }
      return sb.toString();
    }

    /** The leaf expression in the field's shape: a list element, a map value, a secret param. */
    private String wrap(Type t, String leaf, String id, boolean secret) {
      return switch (t) {
        case Type.OptionalT o -> wrap(o.inner(), leaf, id, secret);
        case Type.SecretT s -> secretParam(id, leaf);
        case Type.MayHoldSecretT m -> wrap(m.inner(), leaf, id, secret);
        case Type.ListT l -> "[" + wrap(l.element(), leaf, id, secret) + "]";
        case Type.MapT m -> "{ k = " + wrap(m.value(), leaf, id, secret) + " }";
        default -> leaf;
      };
    }

    private String nested(Type t, List<String> rest, String leaf, boolean secret, String id) {
      return switch (t) {
        case Type.OptionalT o -> nested(o.inner(), rest, leaf, secret, id);
        case Type.MayHoldSecretT m -> nested(m.inner(), rest, leaf, secret, id);
        case Type.ListT l -> "[" + nested(l.element(), rest, leaf, secret, id) + "]";
        case Type.RecordT r -> "{\n" + body(id, schemas.schemas().get(r.schema()), rest, leaf, secret) + "}";
        default -> throw new IllegalStateException("no record at " + rest + " in " + t);
      };
    }

    private String secretParam(String id, String leafExpr) {
      String param = "p_" + id.replaceAll("[^A-Za-z0-9_]", "_");
      String var = param.toUpperCase();
      params.put(param, "param " + param + ": secret string = env(\"" + var + "\")\n");
      env.put(var, leafExpr);
      return param;
    }

    /** A value for a field not under test: required ones always, optional ones by tier; null leaves the default. */
    private String setting(Schema.Field f, String id) {
      Type t = f.type();
      if (f.required()) return sample(t, id);
      Type inner = t instanceof Type.OptionalT o ? o.inner() : t;
      boolean refs = inner instanceof Type.RefT || inner instanceof Type.ListT l && l.element() instanceof Type.RefT r && r.kind().equals("node");
      if (refs && (tier & REFS) != 0 && !(inner instanceof Type.ListT && f.name().equals("on"))) return sample(inner, id);
      if (inner instanceof Type.Prim p && p.kind() == Type.Kind.BOOL && (tier & BOOLS) != 0) return "true";
      if (inner instanceof Type.RecordT && (tier & RECORDS) != 0) return sample(inner, id);
      if (inner instanceof Type.Prim p && p.kind() == Type.Kind.STRING && (tier & STRINGS) != 0) return sample(inner, id);
      return null;
    }

    String sample(Type t, String id) {
      return switch (t) {
        case Type.OptionalT o -> sample(o.inner(), id);
        case Type.SecretT s -> secretParam(id, "labc-secret-value");
        case Type.MayHoldSecretT m -> sample(m.inner(), id);
        case Type.ListT l -> "[" + sample(l.element(), id) + "]";
        case Type.MapT m -> "{}";
        case Type.EnumT e -> e.members().get(0);
        case Type.RefT r -> ref(r.kind());
        case Type.RecordT r -> "{\n" + body(id, schemas.schemas().get(r.schema()), null, null, false) + "}";
        case Type.Prim p -> switch (p.kind()) {
          case STRING -> HostileInputOnTestbedTest.lab(benign(p.pattern()));
          case PATH -> "\"/srv/lab\"";
          case VERSION -> "\"1.2.3\"";
          case INT -> Long.toString(p.min() != null ? Math.max(p.min(), Math.min(1, p.max() == null ? 1 : p.max())) : 1);
          case FLOAT -> "1.0";
          case BOOL -> "false";
          case SIZE -> "1GiB";
          case DURATION -> "10m";
          case POWER, RATING -> "9000W";
          case CURRENT -> "15A";
          case VOLTAGE -> "120V";
          case APPARENT_POWER -> "1kVA";
          case PERCENT -> "50%";
          case IP -> "10.0.1.99";
          case CIDR -> "10.99.0.0/16";
          case ANY -> "{}";
        };
      };
    }

    private String ref(String kind) {
      if (kind.equals("node")) return "head";
      String name = "dep-" + kind.replace('_', '-');
      if (!support.containsKey(name)) {
        support.put(name, "");
        support.put(name, kind + " " + name + " {\n" + body(name, schemas.schemas().get(kind), null, null, false) + "}\n");
      }
      return name;
    }
  }

  static final List<String> CANDIDATES = List.of("lab.example.org", "lab", "_", "root", "1.2.3", "v1.2.3", "550", "tag:lab", "ops@example.org",
      "http://127.0.0.1:8338", "https://example.org/x", "redis://127.0.0.1:6379/1", "10.0.1.1-10.0.1.9", "1g", "15d", "AKIAEXAMPLE",
      "multi-user.target", "1g.5gb", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lab\n");

  /** A value the pattern accepts: the first alternative of ^(a|b)$, else the first candidate that matches. */
  static String benign(String pattern) {
    if (pattern == null) return "lab";
    Matcher alt = Pattern.compile("^\\^\\(([^()]*)\\)\\$$").matcher(pattern);
    if (alt.matches()) return alt.group(1).split("\\|")[0].replace("\\.", ".");
    Pattern p = Pattern.compile(pattern);
    return CANDIDATES.stream().filter(c -> p.matcher(c).find()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no sample value for /" + pattern + "/: add one to CANDIDATES"));
  }

  /** Benign values for the field: what its pattern names first, then every candidate it accepts. */
  static List<String> benignLeaves(Field field) {
    if (field.leaf() instanceof Type.Prim p && p.kind() == Type.Kind.PATH) return List.of("\"/srv/lab\"");
    if (field.leaf() instanceof Type.Prim p && p.kind() == Type.Kind.VERSION) return List.of("\"1.2.3\"");
    String pattern = field.leaf() instanceof Type.Prim p ? p.pattern() : null;
    var out = new java.util.LinkedHashSet<String>();
    out.add(HostileInputOnTestbedTest.lab(benign(pattern)));
    CANDIDATES.stream().filter(c -> pattern == null || Pattern.compile(pattern).matcher(c).find()).forEach(c -> out.add(HostileInputOnTestbedTest.lab(c)));
    return List.copyOf(out);
  }

  static final int REFS = 1, BOOLS = 2, RECORDS = 4, STRINGS = 8;
  /**
   * Flags and settings on first, so that a field gated by a flag (certbot_email by certbot) reaches
   * its command; optional records later, since one may switch another path off (nginx's tls, certbot).
   */
  static final int[] TIERS = {REFS | BOOLS | STRINGS, REFS | BOOLS, REFS | BOOLS | RECORDS | STRINGS, REFS | BOOLS | RECORDS, REFS | STRINGS, REFS, 0};

  /** The most settings switched on, and a benign value, under which the program checks clean. */
  record Base(Built built, int tier, String leaf) {}

  static Base base(Program schemas, Field field) {
    var tried = new ArrayList<String>();
    for (int tier : TIERS) {
      for (String leaf : benignLeaves(field)) {
        Built b = build(schemas, field, tier, leaf, null);
        if (b.checked().ok()) return new Base(b, tier, leaf);
        if (tried.size() < 4) tried.add(b.text() + "\n" + b.checked().diagnostics());
      }
    }
    throw new AssertionError("no valid program for " + field.name() + ":\n" + String.join("\n---\n", tried));
  }

  record Built(String text, Map<String, String> env, Checked checked) {}

  static Built build(Program schemas, Field field, int tier, String leafExpr, String rawSecret) {
    var pt = new ProgramText(schemas, tier);
    String text = pt.program(field, leafExpr);
    var env = new TreeMap<String, String>();
    // Secret params read the environment: the raw value, not the .lab literal.
    pt.env.forEach((k, v) -> env.put(k, v.equals("labc-secret-value") ? v : rawSecret != null ? rawSecret : unlab(v)));
    var checked = Pipeline.check(new SourceFile("t.lab", text), new Evaluator.Options(Map.of(), List.of(), env::get));
    return new Built(text, env, checked);
  }

  private static String unlab(String labLiteral) {
    return labLiteral.startsWith("\"") ? labLiteral.substring(1, labLiteral.length() - 1) : labLiteral;
  }

  /** The shell a command attribute runs in: its text and the environment the runtime exports (secrets resolved). */
  record Job(String addr, String exports, String text, List<String> envNames) {
    String script() { return exports + text; }

    /** Whether the value under test reached this command: its text changed, or an exported variable it reads did. */
    boolean changedFrom(Job base) {
      if (base == null || !text.equals(base.text())) return true;
      return !exports.equals(base.exports()) && envNames.stream().anyMatch(n -> text.contains("$" + n));
    }
  }

  static List<Job> jobs(Checked checked) {
    var out = new ArrayList<Job>();
    for (Resource r : ResourceGraphBuilder.build(checked.evaluation().program()).resources().values()) {
      if (!r.type().equals("command")) continue;
      var exports = new StringBuilder();
      if (r.attributes().get("env") instanceof Value.Obj env) {
        env.fields().forEach((k, v) -> {
          String value = v instanceof Value.Secret s ? s.value() : Values.text(v);
          if (value != null) exports.append("export ").append(k).append('=').append(ShellQuote.quote(value)).append('\n');
        });
      }
      List<String> names = r.attributes().get("env") instanceof Value.Obj env ? List.copyOf(env.fields().keySet()) : List.of();
      for (String attr : List.of("unless", "command")) {
        if (r.attributes().get(attr) instanceof Value.Str s) out.add(new Job(r.addr() + " " + attr, exports.toString(), s.value(), names));
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyStringFieldOfEveryStdlibKind() {
    assumeTrue(Sandbox.available(), "needs root for a mount namespace (the testbed needs it too)");
    Program schemas = stdlib();
    List<Field> fields = fields(schemas).stream().filter(f -> !SHELL_CODE.contains(f.name()) && !LOCAL_FILES.contains(f.name()) && !STEP_NAMES.contains(f.name())).toList();
    assertTrue(fields.size() > 40, "the stdlib's string fields were found: " + fields.size());
    long seed = SEED;
    var tests = new ArrayList<DynamicTest>();
    for (Field f : fields) {
      long s = seed++;
      tests.add(DynamicTest.dynamicTest(f.name(), () -> checkField(schemas, f, s)));
    }
    // Last: the harness exercised commands at all, including the issue's example.
    tests.add(DynamicTest.dynamicTest("values reached planned commands", () -> {
      assertTrue(REACHABLE.contains("nginx_proxy.certbot_email"), () -> "certbot_email never reached certbot: " + REACHABLE);
      assertTrue(REACHABLE.size() >= 20, () -> "few fields reached a command: " + REACHABLE);
      System.out.println("string fields in planned commands (" + REACHABLE.size() + " of " + fields.size() + "): " + REACHABLE);
      System.out.println("... with hostile values that passed check (field=commands run): " + REACHED);
    }));
    return tests.stream();
  }

  /** Fields whose benign value is in a planned command, and fields a hostile value passed check and reached one with. */
  static final Set<String> REACHABLE = new java.util.TreeSet<>();
  static final Map<String, Integer> REACHED = new TreeMap<>();

  void checkField(Program schemas, Field field, long seed) throws Exception {
    Base found = base(schemas, field);
    int tier = found.tier();
    var baseJobs = new TreeMap<String, Job>();
    jobs(found.built().checked()).forEach(j -> baseJobs.put(j.addr(), j));
    String benignValue = unlab(found.leaf());
    if (baseJobs.values().stream().anyMatch(j -> j.script().contains(benignValue))) {
      synchronized (REACHABLE) {
        REACHABLE.add(field.name());
      }
    }
    var values = new ArrayList<>(FIXED);
    values.addAll(HostileInputOnTestbedTest.sample(HostileInputOnTestbedTest.hostile(), RANDOM_PER_FIELD, seed));
    var runs = new ArrayList<Sandbox.Run>();
    for (String h : values) {
      String v = field.leaf() instanceof Type.Prim p && p.kind() == Type.Kind.PATH ? "/" + h : h;
      Built b = build(schemas, field, tier, HostileInputOnTestbedTest.lab(v), v);
      if (!b.checked().ok()) {
        for (Diagnostic d : b.checked().diagnostics()) {
          if (!d.isError()) continue;
          assertTrue(d.span() != null && d.span().file().path().equals("t.lab"),
              () -> field.name() + " = " + HostileInputOnTestbedTest.lab(v) + ": an error without a location in t.lab: " + d);
        }
        continue;
      }
      for (Job j : jobs(b.checked())) {
        if (!j.changedFrom(baseJobs.get(j.addr()))) continue; // the value did not reach this command
        runs.add(new Sandbox.Run(field.name() + " = " + HostileInputOnTestbedTest.lab(v) + " in " + j.addr(), v, j.script()));
      }
    }
    if (runs.isEmpty()) return;
    synchronized (REACHED) {
      REACHED.merge(field.name(), runs.size(), Integer::sum);
    }
    var recorded = Sandbox.execute(dir, runs);
    for (int i = 0; i < runs.size(); i++) {
      Sandbox.Run run = runs.get(i);
      List<List<String>> calls = recorded.get(i);
      boolean whole = calls.stream().anyMatch(argv -> argv.stream().skip(1).anyMatch(a -> a.contains(run.value())));
      if (!whole) {
        fail(run.what() + ": the value is not one argument of any program the command runs.\ncommand:\n" + run.script()
            + "\nprograms run (argv):\n" + calls.stream().map(Object::toString).reduce("", (a, b) -> a + b + "\n"));
      }
    }
  }

  /** The case from the issue, stated on its own: it must fail check (pattern) and, were it accepted, be quoted. */
  @Test
  void aCertbotEmailWithACommandSubstitutionFailsCheckAtItsField() {
    String lab = NODES + "import \"std/nginx\"\nnginx_proxy site {\n  on = head\n  server_name = \"lab.example.org\"\n  upstream = \"http://127.0.0.1:8338\"\n"
        + "  certbot = true\n  certbot_email = \"ops@x.org;$(reboot)\"\n}\n";
    var checked = Pipeline.check(new SourceFile("t.lab", lab), Evaluator.Options.defaults());
    assertFalse(checked.ok());
    Diagnostic d = checked.diagnostics().get(0);
    assertEquals(dev.labc.diag.Code.PATTERN_MISMATCH, d.code());
    assertEquals(lab.indexOf("\"ops@x.org"), d.span().start(), d.toString());
  }

  /**
   * A value that stays one argument can still be an option to the tool that receives it: apt-get
   * reads `-o` options, one of which runs a command; systemctl's -H runs it on another host. The
   * package kind's name and version have Debian's shapes and a service's name systemd's, checked
   * where they are written.
   */
  @Test
  void aNameThatAToolWouldReadAsAnOptionFailsCheckAtItsField() {
    for (String block : List.of("package cuda {\n  name = \"-oAPT::Update::Pre-Invoke::=touch /pwned\"", "package cuda {\n  version = \"-oDebug::pkgProblemResolver=1\"",
        "service slurmd {\n  name = \"-Hroot@elsewhere\"")) {
      String lab = NODES + block + "\n}\n";
      String attr = block;
      var checked = Pipeline.check(new SourceFile("t.lab", lab), Evaluator.Options.defaults());
      assertFalse(checked.ok(), attr);
      Diagnostic d = checked.diagnostics().get(0);
      assertEquals(dev.labc.diag.Code.PATTERN_MISMATCH, d.code());
      assertEquals(lab.indexOf("\"-"), d.span().start(), d.toString());
    }
    var ok = Pipeline.check(new SourceFile("t.lab", NODES + "package cuda {\n  name = \"cuda-toolkit-12-4\"\n  version = \"12.4.1-1\"\n}\n"
            + "service getty {\n  name = \"getty@tty1.service\"\n}\n"),
        Evaluator.Options.defaults());
    assertTrue(ok.ok(), () -> ok.diagnostics().toString());
  }

  /**
   * Runs scripts under bash in a private mount namespace whose root is an overlay of this
   * machine's root on a tmpfs, so redirections and created files vanish with it. PATH holds only
   * the stubs: every program a script names records its argv (with its count first, NUL-separated)
   * and exits 0; `sh -c`, `bash -c` and `runuser ... -c` interpret their script the same way; printf,
   * echo and test are taken out of bash's builtins so that they are recorded too.
   */
  static final class Sandbox {
    record Run(String what, String value, String script) {}

    static boolean available() {
      try {
        Process p = new ProcessBuilder("unshare", "-m", "--fork", "true").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }

    static final String SH = """
        #!/bin/bash
        # sh/bash -c SCRIPT runs the script with the recorded programs; anything else (sh -s, bash < installer) is recorded.
        if [ "$1" = -c ]; then s=$2; shift 2; shift; enable -n printf echo test '['; eval "$s"; exit $?; fi
        exec /labc-stub/rec.sh "${0##*/}" "$@"
        """;
    static final String REC = """
        #!/bin/bash
        n=$1; shift
        { printf '%s\\0' "$(( $# + 1 ))" "$n" "$@"; } >> "$LABC_LOG"
        if [ "$n" = runuser ] || [ "$n" = su ]; then
          while [ $# -gt 0 ]; do if [ "$1" = -c ]; then /labc-stub/sh -c "$2" sh; exit $?; fi; shift; done
        fi
        exit 0
        """;
    static final String STUB = "#!/bin/bash\nexec /labc-stub/rec.sh \"${0##*/}\" \"$@\"\n";
    static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.+\\[-]+");
    static final Pattern PROGRAM_PATH = Pattern.compile("(?:^|[;&|(\\n]\\s*|\\$\\()\\s*((?:/|\\./)[A-Za-z0-9_./-]+)");

    static List<List<List<String>>> execute(Path tmp, List<Run> runs) throws Exception {
      Path stub = Files.createTempDirectory(tmp, "stub");
      Files.writeString(stub.resolve("sh"), SH);
      Files.writeString(stub.resolve("rec.sh"), REC);
      var names = new java.util.TreeSet<String>(List.of("bash", "sh"));
      var paths = new java.util.TreeSet<String>();
      var driver = new StringBuilder("#!/bin/bash\n");
      for (int i = 0; i < runs.size(); i++) {
        String script = runs.get(i).script();
        Matcher w = WORD.matcher(script);
        while (w.find()) names.add(w.group());
        Matcher p = PROGRAM_PATH.matcher(script);
        while (p.find()) paths.add(p.group(1));
        Files.writeString(stub.resolve("job" + i), script);
        driver.append(": > /labc-stub/log").append(i).append("\n( cd /; LABC_LOG=/labc-stub/log").append(i)
            .append(" PATH=/labc-stub /labc-stub/sh -c \"$(cat /labc-stub/job").append(i).append(")\" sh ) </dev/null >/dev/null 2>&1\n");
      }
      names.remove("rec.sh");
      for (String n : names) {
        if (n.equals("sh") || n.equals("bash")) continue;
        if (n.equals(".") || n.equals("..") || n.startsWith("-")) continue;
        Files.writeString(stub.resolve(n), STUB);
      }
      Files.copy(stub.resolve("sh"), stub.resolve("bash"));
      // Programs named by path (/usr/local/bin/juicefs, ./install.sh) become stubs inside the overlay.
      var setup = new StringBuilder();
      for (String p : paths) setup.append("mkdir -p \"$M$(dirname ").append(ShellQuote.quote(p)).append(")\" 2>/dev/null; [ -e \"$M\"")
          .append(ShellQuote.quote(p)).append(" ] || cp \"$M/labc-stub-src/rec-by-path\" \"$M\"").append(ShellQuote.quote(p)).append(" 2>/dev/null\n");
      Files.writeString(stub.resolve("rec-by-path"), STUB);
      Files.writeString(stub.resolve("driver"), driver.append("exit 0\n").toString());
      try (var files = Files.list(stub)) {
        for (Path f : files.toList()) f.toFile().setExecutable(true);
      }
      String outer = "set -e\nT=$(mktemp -d)\nmount -t tmpfs none \"$T\"\nmkdir \"$T/u\" \"$T/w\" \"$T/m\"\n"
          + "mount -t overlay overlay -o lowerdir=/,upperdir=\"$T/u\",workdir=\"$T/w\" \"$T/m\"\nM=\"$T/m\"\n"
          + "mkdir -p \"$M/labc-stub\" \"$M/labc-stub-src\"\nmount --bind " + ShellQuote.quote(stub.toString()) + " \"$M/labc-stub\"\n"
          + "mount --bind " + ShellQuote.quote(stub.toString()) + " \"$M/labc-stub-src\"\nmount --bind /dev \"$M/dev\"\nset +e\n" + setup
          + "chroot \"$M\" /bin/bash /labc-stub/driver\n";
      Process proc = new ProcessBuilder("unshare", "-m", "--fork", "bash", "-c", outer).redirectErrorStream(true).start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "sandbox did not finish");
      assertEquals(0, proc.exitValue(), out);
      var result = new ArrayList<List<List<String>>>();
      for (int i = 0; i < runs.size(); i++) result.add(parse(Files.readAllBytes(stub.resolve("log" + i))));
      return result;
    }

    /** Records: a count, then that many NUL-terminated fields (the program's name and its arguments). */
    static List<List<String>> parse(byte[] log) {
      var fields = new ArrayList<String>();
      int start = 0;
      for (int i = 0; i < log.length; i++) {
        if (log[i] == 0) {
          fields.add(new String(log, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      var calls = new ArrayList<List<String>>();
      for (int i = 0; i < fields.size(); ) {
        int n = Integer.parseInt(fields.get(i));
        calls.add(List.copyOf(fields.subList(i + 1, i + 1 + n)));
        i += 1 + n;
      }
      return calls;
    }
  }
}

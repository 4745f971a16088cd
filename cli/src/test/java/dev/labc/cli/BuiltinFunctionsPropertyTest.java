package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Addresses;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.source.SourceFile;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The builtins' laws, over generated values written as .lab literals and evaluated as `labc check`
 * does: to_json and to_yaml read back (through Jackson) as the value; sort is ordered and a
 * permutation; distinct is idempotent and keeps first occurrences; flatten leaves no list;
 * merge is right-biased; cidrsubnet and cidrhost agree with Terraform's definitions and stay in
 * the prefix. Each probe is a block of a kind the program declares, whose `v` holds the result.
 */
class BuiltinFunctionsPropertyTest {
  private static final String PROBE = "@kind\nschema probe {\n  v: any\n}\n";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  static Checked check(String text, Map<String, String> env) {
    return Pipeline.check(new SourceFile("t.lab", text), new Evaluator.Options(Map.of(), List.of(), env::get));
  }

  /** Each expression's value, evaluated in one program (with {@code prelude}: params, lets). */
  static List<Value> eval(String prelude, Map<String, String> env, List<String> exprs) {
    var sb = new StringBuilder(PROBE).append(prelude);
    for (int i = 0; i < exprs.size(); i++) sb.append("probe p").append(i).append(" {\n  v = ").append(exprs.get(i)).append("\n}\n");
    var c = check(sb.toString(), env);
    assertTrue(c.ok(), () -> c.diagnostics() + "\n" + sb);
    var out = new ArrayList<Value>();
    for (int i = 0; i < exprs.size(); i++) out.add(c.evaluation().program().entity("probe", "p" + i).get("v"));
    return out;
  }

  static Value eval(String expr) {
    return eval("", Map.of(), List.of(expr)).get(0);
  }

  static Diagnostic error(String text) {
    var c = check(PROBE + text, Map.of());
    var errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(1, errors.size(), () -> "one error expected: " + c.diagnostics());
    return errors.get(0);
  }

  // ---- generated values --------------------------------------------------------------------

  @Provide
  Arbitrary<Value> values() {
    Arbitrary<Value> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(s -> (Value) new Value.Str(s)),
        Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L).map(n -> (Value) new Value.Int(n)),
        Arbitraries.of(true, false).map(b -> (Value) new Value.Bool(b)));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(l -> (Value) new Value.ListV(l)),
        // Keys without U+0085/U+2028/U+2029: to_yaml refuses them (yamlKeysWithALineBreakCharacterAreRefused).
        Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(6).filter(k -> k.chars().noneMatch(c -> c == 0x85 || c == 0x2028 || c == 0x2029)), inner).ofMaxSize(4).map(m -> (Value) new Value.Obj(new TreeMap<>(m)))), 3);
  }

  @Provide
  Arbitrary<List<Value>> valueLists() {
    return values().list().ofMaxSize(8);
  }

  /** The JSON a value means, built independently of labc's encoder. */
  static JsonNode expected(Value v) {
    var f = JsonNodeFactory.instance;
    return switch (v) {
      case Value.Str s -> f.textNode(s.value());
      case Value.Int i -> f.numberNode(i.value());
      case Value.Bool b -> f.booleanNode(b.value());
      case Value.ListV l -> {
        var a = f.arrayNode();
        l.items().forEach(x -> a.add(expected(x)));
        yield a;
      }
      case Value.Obj o -> {
        var m = f.objectNode();
        o.fields().forEach((k, x) -> m.set(k, expected(x)));
        yield m;
      }
      default -> throw new IllegalArgumentException(v.toString());
    };
  }

  @Property(tries = 20)
  void toJsonAndToYamlReadBackAsTheValue(@ForAll("valueLists") List<Value> vs) throws Exception {
    var exprs = new ArrayList<String>();
    for (Value v : vs) {
      exprs.add("to_json(" + Values.show(v) + ")");
      exprs.add("to_yaml(" + Values.show(v) + ")");
    }
    List<Value> out = eval("", Map.of(), exprs);
    for (int i = 0; i < vs.size(); i++) {
      JsonNode want = JSON.readTree(expected(vs.get(i)).toString()); // Jackson's own reading: 0 an int node, as in what it parses
      String json = ((Value.Str) out.get(2 * i)).value();
      String yaml = ((Value.Str) out.get(2 * i + 1)).value();
      assertEquals(want, JSON.readTree(json), json);
      assertEquals(want, YAML.readTree(yaml), yaml);
      assertEquals(json, ((Value.Str) eval("", Map.of(), List.of("to_json(" + Values.show(vs.get(i)) + ")")).get(0)).value(), "the same text every run");
    }
  }

  /** `pretty: true` changes the layout only: the text reads back as the compact text does. */
  @Property(tries = 15)
  void prettyJsonReadsBackAsCompactJson(@ForAll("valueLists") List<Value> vs) throws Exception {
    var exprs = new ArrayList<String>();
    for (Value v : vs) {
      exprs.add("to_json(" + Values.show(v) + ")");
      exprs.add("to_json(" + Values.show(v) + ", pretty: true)");
      exprs.add("to_json(" + Values.show(v) + ", style: \"lines\")");
    }
    List<Value> out = eval("", Map.of(), exprs);
    for (int i = 0; i < vs.size(); i++) {
      String compact = ((Value.Str) out.get(3 * i)).value();
      String pretty = ((Value.Str) out.get(3 * i + 1)).value();
      String lines = ((Value.Str) out.get(3 * i + 2)).value();
      assertEquals(JSON.readTree(compact), JSON.readTree(pretty), pretty);
      assertEquals(JSON.readTree(compact), JSON.readTree(lines), lines);
    }
  }

  @Test
  void prettyJsonIsIndentedAndItsOptionIsABool() {
    assertEquals("{\n  \"a\" : [ 1, 2 ],\n  \"b\" : {\n    \"c\" : \"x\"\n  }\n}", ((Value.Str) eval("to_json({ b = { c = \"x\" }, a = [1, 2] }, pretty: true)")).value());
    assertEquals("{\"a\":1}", ((Value.Str) eval("to_json({ a = 1 }, pretty: false)")).value());
    assertTrue(error("probe p {\n  v = to_json({ a = 1 }, pretty: \"yes\")\n}\n").message().contains("`pretty:` is a bool"));
    assertTrue(error("probe p {\n  v = to_json({ a = 1 }, indent: 2)\n}\n").message().contains("takes only `pretty:` and `style:` by name"));
  }

  /** `style: "lines"`: daemon.json as Docker's documentation lays it out (std/docker writes it so). */
  @Test
  void linesJsonPutsEachListItemOnALine() {
    assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\n    \"c\": \"x\",\n    \"d\": [ ]\n  }\n}",
        ((Value.Str) eval("to_json({ b = { c = \"x\", d = [] }, a = [1, 2] }, style: \"lines\")")).value());
    assertEquals(((Value.Str) eval("to_json({ a = [1] }, style: \"lines\")")).value(), ((Value.Str) eval("to_json({ a = [1] }, pretty: true, style: \"lines\")")).value());
    assertTrue(error("probe p {\n  v = to_json({ a = 1 }, style: \"tabs\")\n}\n").message().contains("`style:` is \"lines\""));
    assertTrue(error("probe p {\n  v = to_json({ a = 1 }, pretty: false, style: \"lines\")\n}\n").message().contains("`pretty:` is false"));
  }

  /** Seed-found: a key holding U+0085 came back from YAML with a space in its place. */
  @Test
  void yamlKeysWithALineBreakCharacterAreRefused() {
    Diagnostic d = error("probe p {\n  v = to_yaml({ \"a\\u0085b\" = 1 })\n}\n");
    assertTrue(d.message().contains("to_yaml() cannot write the map key") && d.message().contains("U+0085"), d.message());
    assertEquals("{\"a\u0085b\":1}", ((Value.Str) eval("to_json({ \"a\\u0085b\" = 1 })")).value(), "JSON carries it");
  }

  @Property(tries = 20)
  void sortIsOrderedAndAPermutation(@ForAll @Size(max = 30) List<@IntRange(min = -50, max = 50) Integer> ints,
                                    @ForAll @Size(max = 30) List<@net.jqwik.api.constraints.StringLength(max = 5) String> strings) {
    String intList = ints.toString();
    String strList = Values.show(new Value.ListV(strings.stream().map(s -> (Value) new Value.Str(s)).toList()));
    List<Value> out = eval("", Map.of(), List.of("sort(" + intList + ")", "sort(" + strList + ")"));
    var sortedInts = ((Value.ListV) out.get(0)).items().stream().map(v -> (int) ((Value.Int) v).value()).toList();
    var sortedStrings = ((Value.ListV) out.get(1)).items().stream().map(v -> ((Value.Str) v).value()).toList();
    for (int i = 1; i < sortedInts.size(); i++) assertTrue(sortedInts.get(i - 1) <= sortedInts.get(i), sortedInts.toString());
    for (int i = 1; i < sortedStrings.size(); i++) assertTrue(sortedStrings.get(i - 1).compareTo(sortedStrings.get(i)) <= 0, sortedStrings.toString());
    assertEquals(counts(ints), counts(sortedInts));
    assertEquals(counts(strings), counts(sortedStrings));
  }

  private static <T> Map<T, Integer> counts(List<T> xs) {
    var m = new java.util.HashMap<T, Integer>();
    xs.forEach(x -> m.merge(x, 1, Integer::sum));
    return m;
  }

  /** slurm.conf's RealMemory: a declared size in MiB, rounded down, as exact integer division gives it. */
  @Property(tries = 20)
  void floorOfASizeOverOneMebibyteIsTheWholeMebibytesBelowIt(@ForAll @Size(min = 1, max = 10) List<@net.jqwik.api.constraints.LongRange(min = 0, max = 1L << 50) Long> bytes,
                                                           @ForAll @IntRange(min = -1000, max = 1000) int n) {
    var exprs = new ArrayList<String>();
    for (long b : bytes) exprs.add("floor(" + b + "B / 1MiB)");
    exprs.add("floor(" + n + " / 4.0)");
    exprs.add("floor(" + n + ")");
    List<Value> out = eval("", Map.of(), exprs);
    for (int i = 0; i < bytes.size(); i++) assertEquals(new Value.Int(bytes.get(i) >> 20), out.get(i), bytes.get(i) + "B");
    assertEquals(new Value.Int(Math.floorDiv(n, 4)), out.get(bytes.size()), n + " / 4.0");
    assertEquals(new Value.Int(n), out.get(bytes.size() + 1));
  }

  @Test
  void floorRefusesWhatIsNotANumber() {
    Diagnostic d = error("probe p {\n  v = floor(\"3\")\n}\n");
    assertEquals(Code.BAD_ARGUMENT, d.code(), d.toString());
  }

  @Property(tries = 20)
  void distinctIsIdempotentAndKeepsFirstOccurrences(@ForAll("valueLists") List<Value> vs) {
    String list = Values.show(new Value.ListV(vs));
    List<Value> out = eval("", Map.of(), List.of("distinct(" + list + ")", "distinct(distinct(" + list + "))"));
    assertEquals(out.get(0), out.get(1));
    assertEquals(new Value.ListV(List.copyOf(new LinkedHashSet<>(vs))), out.get(0));
    assertEquals(new HashSet<>(vs), new HashSet<>(((Value.ListV) out.get(0)).items()));
  }

  @Property(tries = 20)
  void flattenLeavesNoListAndKeepsTheLeavesInOrder(@ForAll("valueLists") List<Value> vs) {
    Value out = eval("flatten(" + Values.show(new Value.ListV(vs)) + ")");
    var leaves = new ArrayList<Value>();
    vs.forEach(v -> leaves(v, leaves));
    assertEquals(new Value.ListV(leaves), out);
  }

  private static void leaves(Value v, List<Value> out) {
    if (v instanceof Value.ListV l) l.items().forEach(x -> leaves(x, out));
    else out.add(v);
  }

  @Property(tries = 20)
  void mergeIsRightBiased(@ForAll @Size(max = 4) List<@Size(max = 5) Map<@net.jqwik.api.constraints.StringLength(min = 1, max = 2) @net.jqwik.api.constraints.AlphaChars String, @IntRange(max = 9) Integer>> maps) {
    var args = new ArrayList<String>();
    for (var m : maps) {
      var o = new TreeMap<String, Value>();
      m.forEach((k, x) -> o.put(k, new Value.Int(x)));
      args.add(Values.show(new Value.Obj(o)));
    }
    Value out = eval("merge(" + String.join(", ", args) + ")");
    var want = new TreeMap<String, Value>();
    for (var m : maps) m.forEach((k, x) -> want.put(k, new Value.Int(x)));
    assertEquals(new Value.Obj(want), out);
  }

  // ---- addresses ---------------------------------------------------------------------------

  @Test
  void cidrsubnetAndCidrhostGiveTerraformsDocumentedResults() {
    // The examples of Terraform's cidrsubnet and cidrhost pages.
    List<Value> out = eval("", Map.of(), List.of("cidrsubnet(172.16.0.0/12, 4, 2)", "cidrsubnet(10.1.2.0/24, 4, 15)",
        "cidrsubnet(fd00:fd12:3456:7890::/56, 16, 162)", "cidrhost(10.12.112.0/20, 16)", "cidrhost(10.12.112.0/20, 268)",
        "cidrhost(fd00:fd12:3456:7890:00a2::/72, 34)", "cidrhost(10.0.1.0/24, 11, prefix: true)", "cidrhost(10.0.1.0/24, -2)"));
    assertEquals(List.of(new Value.Cidr("172.18.0.0/16"), new Value.Cidr("10.1.2.240/28"), new Value.Cidr("fd00:fd12:3456:7800:a200::/72"),
        new Value.Ip("10.12.112.16"), new Value.Ip("10.12.113.12"), new Value.Ip("fd00:fd12:3456:7890::22"), new Value.Str("10.0.1.11/24"),
        new Value.Ip("10.0.1.254")), out);
  }

  @Property(tries = 30)
  void cidrsubnetStaysInsideItsPrefixAndItsHostsInsideIt(@ForAll @IntRange(min = 8, max = 28) int bits, @ForAll @IntRange(min = 0, max = 4) int newbits,
                                                         @ForAll @IntRange(min = 0, max = 15) int netnum, @ForAll @IntRange(min = 0, max = 0xffffff) int addr) {
    int num = netnum % (1 << newbits);
    String base = "10." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "." + (addr & 255);
    String prefix = base + "/" + bits;
    List<Value> out = eval("", Map.of(), List.of("cidrsubnet(" + prefix + ", " + newbits + ", " + num + ")",
        "cidrhost(cidrsubnet(" + prefix + ", " + newbits + ", " + num + "), 0)", "cidrhost(cidrsubnet(" + prefix + ", " + newbits + ", " + num + "), -1)"));
    String sub = ((Value.Cidr) out.get(0)).text();
    var outer = Addresses.range(prefix);
    var inner = Addresses.range(sub);
    assertEquals(bits + newbits, Integer.parseInt(sub.substring(sub.indexOf('/') + 1)));
    assertTrue(outer.contains(inner.first()) && outer.contains(inner.last()), prefix + " holds " + sub);
    // Terraform: the subnet's number is netnum, placed just after the prefix's bits.
    BigInteger size = inner.last().subtract(inner.first()).add(BigInteger.ONE);
    assertEquals(outer.first().add(size.multiply(BigInteger.valueOf(num))), inner.first());
    assertEquals(inner.first(), Addresses.number(((Value.Ip) out.get(1)).text()));
    assertEquals(inner.last(), Addresses.number(((Value.Ip) out.get(2)).text()));
  }

  // ---- wrong calls are located errors with a hint ----------------------------------------------

  @Test
  void aWrongArgumentIsReportedAtItselfWithTheSignature() {
    Diagnostic d = error("probe p {\n  v = cidrsubnet(10.0.0.0/8, \"4\", 1)\n}\n");
    assertEquals(Code.BAD_ARGUMENT, d.code());
    assertEquals("\"4\"", d.span().text());
    assertTrue(d.message().contains("takes an int as its second argument, found a string"), d.message());
    assertTrue(d.hint().contains("cidrsubnet(network: cidr, newbits: int, netnum: int) -> cidr"), d.hint());

    d = error("probe p {\n  v = lookup({ gpu = 8 }, \"gpus\")\n}\n");
    assertEquals("\"gpus\"", d.span().text());
    assertTrue(d.hint().contains("gpu"), d.hint());
    d = error("probe p {\n  v = format(\"%s-%d\", \"a\", \"b\")\n}\n");
    assertEquals("\"b\"", d.span().text());
    d = error("probe p {\n  v = sort([1, \"a\"])\n}\n");
    assertEquals(Code.BAD_ARGUMENT, d.code());
    d = error("probe p {\n  v = cidrsubnet(10.0.0.0/24, 9, 0)\n}\n");
    assertEquals(Code.OUT_OF_RANGE, d.code());
    d = error("probe p {\n  v = cidrsubnet(10.0.0.0/24, 2, 4)\n}\n");
    assertEquals("4", d.span().text());
  }

  @Test
  void valuesThatShareItemsStopAtTheLimitsInsteadOfPrintingForever() {
    // 2^40 leaves when printed, a few hundred bytes to write.
    var sb = new StringBuilder("let l0 = [\"xxxxxxxx\", \"yyyyyyyy\"]\n");
    for (int i = 1; i <= 40; i++) sb.append("let l").append(i).append(" = [l").append(i - 1).append(", l").append(i - 1).append("]\n");
    for (String fn : List.of("to_json", "to_yaml", "flatten")) {
      Diagnostic d = error(sb + "probe p {\n  v = " + fn + "(l40)\n}\n");
      assertEquals(Code.EVALUATION_LIMIT, d.code(), fn + ": " + d);
    }
  }

  // ---- secrets stay secrets through every builtin -------------------------------------------

  @Test
  void everyStringBuiltinGivesASecretWhenItReadsOne() {
    String prelude = "param pw: secret string = env(\"PW\")\nparam dbuser: secret string = env(\"DB_USER\")\n";
    List<String> exprs = List.of("format(\"%s:%s@db\", dbuser, pw)", "to_json({ password = pw })", "to_yaml([pw])", "join(\",\", [\"a\", pw])",
        "upper(pw)", "sh_quote(pw)", "\"x=${pw}\"", "lookup({ k = pw }, \"k\")", "merge({ a = 1 }, { b = pw })", "replace(pw, \"'\", \"\\\\'\")",
        "replace(\"user=U\", \"U\", dbuser)", "trimsuffix(pw, \"et\")");
    List<Value> out = eval(prelude, Map.of("PW", "s3cr'et", "DB_USER", "app"), exprs);
    assertEquals(new Value.Secret("env DB_USER, env PW", "app:s3cr'et@db"), out.get(0));
    assertEquals(new Value.Secret("env PW", "{\"password\":\"s3cr'et\"}"), out.get(1));
    assertEquals(new Value.Secret("env PW", "- \"s3cr'et\"\n"), out.get(2));
    assertEquals(new Value.Secret("env PW", "a,s3cr'et"), out.get(3));
    assertEquals(new Value.Secret("env PW", "S3CR'ET"), out.get(4));
    assertEquals(new Value.Secret("env PW", "'s3cr'\\''et'"), out.get(5));
    assertEquals(new Value.Secret("env PW", "x=s3cr'et"), out.get(6));
    assertTrue(out.get(7) instanceof Value.Secret && out.get(8) instanceof Value.Obj o && o.fields().get("b") instanceof Value.Secret);
    assertEquals(new Value.Secret("env PW", "s3cr\\'et"), out.get(9));
    assertEquals(new Value.Secret("env DB_USER", "user=app"), out.get(10));
    assertEquals(new Value.Secret("env PW", "s3cr'"), out.get(11));
    for (Value v : out) assertFalse(Values.show(v).contains("s3cr"), Values.show(v));
  }

  /** replace() is Java's String.replace on any text: literal, every occurrence, left to right. */
  @Property(tries = 30)
  void replaceReplacesEveryLiteralOccurrence(@ForAll @net.jqwik.api.constraints.StringLength(max = 12) @net.jqwik.api.constraints.Chars({'a', 'b', '.', '$', '\\', '"'}) String s,
                                            @ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 2) @net.jqwik.api.constraints.Chars({'a', '.', '$'}) String old,
                                            @ForAll @net.jqwik.api.constraints.StringLength(max = 3) @net.jqwik.api.constraints.Chars({'x', '\\', '$'}) String with) {
    Value out = eval("replace(" + Values.show(new Value.Str(s)) + ", " + Values.show(new Value.Str(old)) + ", " + Values.show(new Value.Str(with)) + ")");
    assertEquals(s.replace(old, with), ((Value.Str) out).value());
  }

  /** trimsuffix() takes the suffix off once, and only when the string ends with it. */
  @Property(tries = 30)
  void trimsuffixTakesTheSuffixOffOnce(@ForAll @net.jqwik.api.constraints.StringLength(max = 8) @net.jqwik.api.constraints.Chars({'a', '/', '$'}) String s,
                                       @ForAll @net.jqwik.api.constraints.StringLength(max = 2) @net.jqwik.api.constraints.Chars({'a', '/'}) String suffix) {
    String out = ((Value.Str) eval("trimsuffix(" + Values.show(new Value.Str(s)) + ", " + Values.show(new Value.Str(suffix)) + ")")).value();
    assertEquals(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s, out);
    assertEquals(s, out + (s.endsWith(suffix) ? suffix : ""), "only the suffix is taken");
  }

  /** split() cuts at every separator: the parts hold none, and joined with it they are the string. */
  @Property(tries = 30)
  void splitThenJoinIsTheString(@ForAll @net.jqwik.api.constraints.StringLength(max = 10) @net.jqwik.api.constraints.Chars({'a', '.', '$'}) String s,
                                @ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 2) @net.jqwik.api.constraints.Chars({'a', '.'}) String sep) {
    String lit = Values.show(new Value.Str(s)), sepLit = Values.show(new Value.Str(sep));
    List<Value> out = eval("", Map.of(), List.of("split(" + lit + ", " + sepLit + ")", "join(" + sepLit + ", split(" + lit + ", " + sepLit + "))"));
    var parts = ((Value.ListV) out.get(0)).items();
    assertEquals(s, ((Value.Str) out.get(1)).value());
    for (Value p : parts) assertFalse(((Value.Str) p).value().contains(sep), () -> parts + " from " + s);
  }

  @Test
  void splitRefusesASecretAndAnEmptySeparator() {
    assertEquals(Code.BAD_ARGUMENT, error("probe p {\n  v = split(\"abc\", \"\")\n}\n").code());
    var c = check(PROBE + "param pw: secret string = env(\"PW\")\nprobe p {\n  v = split(pw, \".\")\n}\n", Map.of("PW", "a.b"));
    assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == Code.SECRET_MISUSE), () -> c.diagnostics().toString());
  }

  @Test
  void replaceRefusesAnEmptyTextToReplace() {
    Diagnostic d = error("probe p {\n  v = replace(\"abc\", \"\", \"x\")\n}\n");
    assertEquals(Code.BAD_ARGUMENT, d.code());
    assertEquals("\"\"", d.span().text());
  }

  @Test
  void aCommandsEnvTakesSecretsAndOnlyVariableNames() {
    String prelude = "param pw: secret string = env(\"PW\")\nnode head {\n  address = 10.0.1.10\n}\n";
    var ok = check(PROBE + prelude + "command migrate {\n  run = \"app-migrate\"\n  creates = \"/var/lib/app/migrated\"\n"
        + "  env = { DB_URL = format(\"postgres://app:%s@db/app\", pw), MODE = \"once\" }\n}\n", Map.of("PW", "hunter2"));
    assertTrue(ok.ok(), () -> ok.diagnostics().toString());
    Value env = ok.evaluation().program().entity("command", "migrate").get("env");
    assertEquals(new Value.Secret("env PW", "postgres://app:hunter2@db/app"), ((Value.Obj) env).fields().get("DB_URL"));
    var bad = check(PROBE + prelude + "command migrate {\n  run = \"app-migrate\"\n  creates = \"/var/lib/app/migrated\"\n"
        + "  env = { \"DB-URL\" = pw }\n}\n", Map.of("PW", "hunter2"));
    var errors = bad.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(1, errors.size(), () -> bad.diagnostics().toString());
    assertEquals(Code.COMMAND_GUARD, errors.get(0).code());
    assertTrue(errors.get(0).span().text().startsWith("env = { \"DB-URL\""), errors.get(0).span().text());
  }

  @Test
  void aSecretWhereItWouldBeShownIsALocatedError() {
    String prelude = "param pw: secret string = env(\"PW\")\nnode head {\n  address = 10.0.1.10\n}\n";
    for (String[] bad : List.of(
        new String[] {"file f {\n  path = \"/etc/${pw}\"\n  content = \"x\"\n}\n", "\"/etc/${pw}\""},
        new String[] {"package p {\n  name = lower(pw)\n}\n", "lower(pw)"},
        new String[] {"node n2 {\n  address = pw\n}\n", "pw"},
        new String[] {"probe p {\n  v = sort([pw])\n}\n", "[pw]"},
        new String[] {"probe p {\n  v = len(pw)\n}\n", "pw"})) {
      var c = check(PROBE + prelude + bad[0], Map.of("PW", "hunter2"));
      var errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
      assertEquals(1, errors.size(), () -> bad[0] + ": " + c.diagnostics());
      Diagnostic d = errors.get(0);
      assertEquals(Code.SECRET_MISUSE, d.code(), bad[0] + ": " + d);
      assertEquals(bad[1], d.span().text(), bad[0]);
      assertFalse(d.message().contains("hunter2") || String.valueOf(d.hint()).contains("hunter2"), d.toString());
    }
  }
}

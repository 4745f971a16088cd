package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Spelling;
import dev.labc.shell.ShellQuote;
import dev.labc.source.Span;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The built-in functions. Each checks its arguments and says in words what it wanted. */
public final class Builtins {
  private Builtins() {}

  /** A built-in as the language reference and hover show it: {@code cidrhost(network: cidr, n: int) -> ip}. */
  public record Signature(String name, String params, String returns, String doc) {
    public String signature() { return name + "(" + params + ") -> " + returns; }
  }

  /** Every built-in; docs/language.md lists each of these signatures (a test holds it to that). */
  public static final List<Signature> SIGNATURES = List.of(
      new Signature("cidrhost", "network: cidr, n: int, prefix: bool?", "ip | string",
          "The n-th host address of a network (negative n counts from its end): `cidrhost(10.0.1.0/24, 11)` is `10.0.1.11`; with `prefix: true` the text `10.0.1.11/24`."),
      new Signature("cidrsubnet", "network: cidr, newbits: int, netnum: int", "cidr",
          "Subnet `netnum` of the network, its prefix `newbits` longer, as Terraform's: `cidrsubnet(10.1.2.0/24, 4, 15)` is `10.1.2.240/28`."),
      new Signature("concat", "lists: list...", "list", "The lists joined into one, in order."),
      new Signature("contains", "items: list, item: any", "bool", "Whether the list holds the item."),
      new Signature("distinct", "items: list", "list", "The items without repeats, each where it first occurs."),
      new Signature("env", "name: string", "secret string", "An environment variable, as a secret; only in the default of a `secret` param."),
      new Signature("flatten", "items: list", "list", "Nested lists made one list, in order: `flatten([[1, 2], [3, [4]]])` is `[1, 2, 3, 4]`."),
      new Signature("floor", "x: number", "int",
          "The largest int not above the number: `floor(1000MB / 1MiB)` is `953`, `floor(-0.5)` is `-1`."),
      new Signature("format", "spec: string, args: any...", "string",
          "Text with each `%s` (text), `%d` (int) or `%q` (quoted string) replaced by the next argument; `%%` is `%`."),
      new Signature("join", "separator: string, items: list", "string", "The items as text with the separator between them."),
      new Signature("keys", "m: map", "list(string)", "The keys of a map, in order."),
      new Signature("len", "value: list | map | string", "int", "The length of a list, map or string (in code points)."),
      new Signature("lookup", "m: map, key: string, default: any?", "any", "The map's value for the key; the default when it has none (without a default, an error)."),
      new Signature("lower", "s: string", "string", "The string in lower case."),
      new Signature("merge", "maps: map...", "map", "The maps as one; where two have a key, the later one's value wins."),
      new Signature("nodes", "role: role?", "list(node)", "The declared nodes, in name order; with `role:`, only those that have the role."),
      new Signature("replace", "s: string, old: string, new: string", "string",
          "The string with every `old` replaced by `new`, as written (no patterns): `replace(\"a-b-c\", \"-\", \".\")` is `a.b.c`."),
      new Signature("sh_quote", "s: string", "string", "The string as one shell word, in single quotes: `sh_quote(\"it's\")` is `'it'\\''s'`."),
      new Signature("sort", "items: list", "list", "Strings, numbers, one kind of quantity or addresses, in ascending order."),
      new Signature("split", "s: string, sep: string", "list(string)",
          "The parts of the string between each `sep`, as written (no patterns): `split(\"550.90.07\", \".\")` is `[\"550\", \"90\", \"07\"]`."),
      new Signature("to_json", "value: any, pretty: bool?, style: string?", "string",
          "The value as compact JSON, map keys sorted; with `pretty: true` indented two spaces a level, as Jackson prints it; with `style: \"lines\"` also every list item on a line of its own and no space before a key's colon."),
      new Signature("to_yaml", "value: any", "string", "The value as YAML, map keys sorted, strings quoted."),
      new Signature("trimsuffix", "s: string, suffix: string", "string",
          "The string without the suffix if it ends with it, once: `trimsuffix(\"https://m/ubuntu/\", \"/\")` is `https://m/ubuntu`."),
      new Signature("upper", "s: string", "string", "The string in upper case."),
      new Signature("values", "m: map", "list", "The values of a map, in key order."));

  static final List<String> NAMES = SIGNATURES.stream().map(Signature::name).toList();

  /** A call's evaluated arguments with where each was written, so a wrong one is reported at itself. */
  record Args(Expr.Call call, List<Value> positional, List<Span> spans, Map<String, Value> named, Map<String, Span> namedSpans) {
    Value get(int i) { return positional.get(i); }
    Span at(int i) { return i < spans.size() ? spans.get(i) : call.span(); }
    int size() { return positional.size(); }
  }

  static Value call(Evaluator ev, Expr.Call c, Env env) {
    if (!(c.callee() instanceof Expr.Name fn)) {
      throw ev.fail(Code.UNKNOWN_FUNCTION, c.callee().span(), "only built-in functions can be called", "built-ins are " + String.join(", ", NAMES));
    }
    var positional = new ArrayList<Value>();
    var spans = new ArrayList<Span>();
    var named = new TreeMap<String, Value>();
    var namedSpans = new TreeMap<String, Span>();
    for (Argument a : c.args()) {
      Value v = ev.eval(a.value(), env);
      if (a.name() == null) {
        positional.add(v);
        spans.add(a.value().span());
      } else {
        named.put(a.name().name(), v);
        namedSpans.put(a.name().name(), a.value().span());
      }
    }
    var args = new Args(c, positional, spans, named, namedSpans);
    if (!fn.name().equals("nodes") && !fn.name().equals("cidrhost") && !fn.name().equals("to_json") && !named.isEmpty()) {
      String first = named.keySet().iterator().next();
      throw ev.fail(Code.BAD_ARGUMENT, namedSpans.get(first), fn.name() + "() takes no argument named `" + first + "`", usage(fn.name()));
    }
    return switch (fn.name()) {
      case "env" -> env(ev, c, positional);
      case "nodes" -> nodes(ev, c, positional, named);
      case "cidrhost" -> cidrhost(ev, args);
      case "cidrsubnet" -> cidrsubnet(ev, args);
      case "len" -> {
        arity(ev, args, "len", 1);
        yield switch (args.get(0)) {
          case Value.ListV l -> new Value.Int(l.items().size());
          case Value.Obj o -> new Value.Int(o.fields().size());
          case Value.Str s -> new Value.Int(s.value().codePointCount(0, s.value().length()));
          case Value.Secret s -> throw ev.fail(Code.SECRET_MISUSE, args.at(0), "len() of a secret would show its length", null);
          default -> throw wrong(ev, args, "len", 0, "a list, map or string");
        };
      }
      case "join" -> {
        arity(ev, args, "join", 2);
        if (!(args.get(0) instanceof Value.Str sep)) throw wrong(ev, args, "join", 0, "a string");
        if (!(args.get(1) instanceof Value.ListV l)) throw wrong(ev, args, "join", 1, "a list");
        var taint = new Taint();
        var sb = new StringBuilder();
        for (int i = 0; i < l.items().size(); i++) {
          Value v = l.items().get(i);
          ev.steps(1, c.span());
          String t = v instanceof Value.Secret sec ? taint.read(sec) : Values.text(v);
          if (t == null) throw ev.fail(Code.BAD_ARGUMENT, args.at(1), "join() cannot join a " + v.typeName(), "join text, numbers, quantities, addresses or names");
          if (i > 0) sb.append(sep.value());
          sb.append(t);
          if (sb.length() > Evaluator.MAX_STRING) throw ev.fail(Code.EVALUATION_LIMIT, c.span(), "string grows past " + Evaluator.MAX_STRING + " characters", null);
        }
        yield taint.result(sb.toString());
      }
      case "concat" -> {
        var out = new ArrayList<Value>();
        for (int i = 0; i < args.size(); i++) {
          if (!(args.get(i) instanceof Value.ListV l)) throw wrong(ev, args, "concat", i, "a list");
          if ((long) out.size() + l.items().size() > Evaluator.MAX_ITEMS) throw ev.fail(Code.EVALUATION_LIMIT, c.span(), "list grows past " + Evaluator.MAX_ITEMS + " items", null);
          out.addAll(l.items());
        }
        yield new Value.ListV(out);
      }
      case "contains" -> {
        arity(ev, args, "contains", 2);
        if (!(args.get(0) instanceof Value.ListV l)) throw wrong(ev, args, "contains", 0, "a list");
        yield new Value.Bool(l.items().contains(args.get(1)));
      }
      case "keys", "values" -> {
        arity(ev, args, fn.name(), 1);
        if (!(args.get(0) instanceof Value.Obj o)) throw wrong(ev, args, fn.name(), 0, "a map");
        yield new Value.ListV(fn.name().equals("keys") ? o.fields().keySet().stream().map(k -> (Value) new Value.Str(k)).toList() : List.copyOf(o.fields().values()));
      }
      case "replace" -> replace(ev, args);
      case "split" -> split(ev, args);
      case "trimsuffix" -> {
        arity(ev, args, "trimsuffix", 2);
        var taint = new Taint();
        var text = new String[2];
        for (int i = 0; i < 2; i++) {
          text[i] = switch (args.get(i)) {
            case Value.Str s -> s.value();
            case Value.Secret sec -> taint.read(sec);
            default -> throw wrong(ev, args, "trimsuffix", i, "a string");
          };
        }
        yield taint.result(text[0].endsWith(text[1]) ? text[0].substring(0, text[0].length() - text[1].length()) : text[0]);
      }
      case "floor" -> floor(ev, args);
      case "lower", "upper", "sh_quote" -> {
        arity(ev, args, fn.name(), 1);
        var taint = new Taint();
        String text = switch (args.get(0)) {
          case Value.Str s -> s.value();
          case Value.Secret sec -> taint.read(sec);
          default -> throw wrong(ev, args, fn.name(), 0, "a string");
        };
        yield taint.result(switch (fn.name()) {
          case "lower" -> text.toLowerCase(java.util.Locale.ROOT);
          case "upper" -> text.toUpperCase(java.util.Locale.ROOT);
          default -> ShellQuote.quote(text);
        });
      }
      case "format" -> format(ev, args);
      case "to_json" -> {
        arity(ev, args, fn.name(), 1);
        yield Encodings.toJson(ev, args.get(0), jsonLayout(ev, args), c.span());
      }
      case "to_yaml" -> {
        arity(ev, args, fn.name(), 1);
        yield Encodings.toYaml(ev, args.get(0), c.span());
      }
      case "lookup" -> lookup(ev, args);
      case "sort" -> ListFunctions.sort(ev, args);
      case "distinct" -> ListFunctions.distinct(ev, args);
      case "flatten" -> ListFunctions.flatten(ev, args);
      case "merge" -> ListFunctions.merge(ev, args);
      default -> throw ev.fail(Code.UNKNOWN_FUNCTION, fn.span(), "unknown function `" + fn.name() + "`",
          java.util.Objects.requireNonNullElse(Spelling.didYouMean(fn.name(), NAMES), "built-ins are " + String.join(", ", NAMES)));
    };
  }

  /**
   * A number rounded down to an int: how a ratio of quantities (`memory / 1MiB`, a float) becomes
   * a count a config file takes, never rounding up past what was declared.
   */
  private static Value floor(Evaluator ev, Args a) {
    arity(ev, a, "floor", 1);
    return switch (a.get(0)) {
      case Value.Int i -> i;
      case Value.Flt f when Double.isFinite(f.value()) && Math.abs(f.value()) < 0x1p62 -> new Value.Int((long) Math.floor(f.value()));
      case Value.Flt f -> throw ev.fail(Code.OUT_OF_RANGE, a.at(0), "floor() of " + f.value() + " does not fit an int", null);
      case Value.Secret s -> throw ev.fail(Code.SECRET_MISUSE, a.at(0), "floor() of a secret would show it", null);
      default -> throw wrong(ev, a, "floor", 0, "a number");
    };
  }

  /** "use it as cidrhost(network: cidr, n: int, prefix: bool?) -> ip | string": the hint of every wrong call. */
  static String usage(String fn) {
    return SIGNATURES.stream().filter(s -> s.name().equals(fn)).findFirst().map(s -> "use it as " + s.signature()).orElse(null);
  }

  static void arity(Evaluator ev, Args a, String fn, int n) {
    if (a.size() != n) {
      throw ev.fail(Code.BAD_ARGUMENT, a.call().span(), fn + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", found " + a.size(), usage(fn));
    }
  }

  /** Argument {@code i} (0-based) is not what {@code fn} wants: reported at that argument. */
  static EvalError wrong(Evaluator ev, Args a, String fn, int i, String wanted) {
    Value v = a.get(i);
    if (v instanceof Value.Secret sec) {
      return ev.fail(Code.SECRET_MISUSE, a.at(i), fn + "() cannot take a secret (" + sec.source() + ") as its " + ordinal(i) + " argument", usage(fn));
    }
    return ev.fail(Code.BAD_ARGUMENT, a.at(i), fn + "() takes " + wanted + " as its " + ordinal(i) + " argument, found " + Conformance.article(v.typeName()), usage(fn));
  }

  private static String ordinal(int i) {
    return switch (i) { case 0 -> "first"; case 1 -> "second"; case 2 -> "third"; default -> (i + 1) + "th"; };
  }

  /** Every occurrence of a literal text replaced; a secret among the arguments makes the result one. */
  private static Value split(Evaluator ev, Args a) {
    arity(ev, a, "split", 2);
    // The parts' number and lengths would show a secret's shape, as len() would.
    for (int i = 0; i < 2; i++) if (a.get(i) instanceof Value.Secret) throw ev.fail(Code.SECRET_MISUSE, a.at(i), "split() of a secret would show its shape", null);
    if (!(a.get(0) instanceof Value.Str s)) throw wrong(ev, a, "split", 0, "a string");
    if (!(a.get(1) instanceof Value.Str sep)) throw wrong(ev, a, "split", 1, "a string");
    if (sep.value().isEmpty()) throw ev.fail(Code.BAD_ARGUMENT, a.at(1), "split() needs a non-empty separator", null);
    var parts = new ArrayList<Value>();
    int from = 0;
    for (int at = s.value().indexOf(sep.value()); at >= 0; at = s.value().indexOf(sep.value(), from)) {
      ev.steps(1, a.call().span());
      parts.add(new Value.Str(s.value().substring(from, at)));
      from = at + sep.value().length();
    }
    parts.add(new Value.Str(s.value().substring(from)));
    return new Value.ListV(parts);
  }

  private static Value replace(Evaluator ev, Args a) {
    arity(ev, a, "replace", 3);
    var taint = new Taint();
    var text = new String[3];
    for (int i = 0; i < 3; i++) {
      text[i] = switch (a.get(i)) {
        case Value.Str s -> s.value();
        case Value.Secret sec -> taint.read(sec);
        default -> throw wrong(ev, a, "replace", i, "a string");
      };
    }
    String s = text[0], old = text[1], with = text[2];
    if (old.isEmpty()) throw ev.fail(Code.BAD_ARGUMENT, a.at(1), "replace() needs a non-empty text to replace", "to add text around a string, use \"${...}\" or format()");
    var sb = new StringBuilder();
    int from = 0;
    for (int at = s.indexOf(old); at >= 0; at = s.indexOf(old, from)) {
      ev.steps(1, a.call().span());
      sb.append(s, from, at).append(with);
      from = at + old.length();
      if (sb.length() > Evaluator.MAX_STRING) throw ev.fail(Code.EVALUATION_LIMIT, a.call().span(), "string grows past " + Evaluator.MAX_STRING + " characters", null);
    }
    sb.append(s, from, s.length());
    if (sb.length() > Evaluator.MAX_STRING) throw ev.fail(Code.EVALUATION_LIMIT, a.call().span(), "string grows past " + Evaluator.MAX_STRING + " characters", null);
    return taint.result(sb.toString());
  }

  /** to_json's `pretty:` (false unless given as a bool) and `style:` ("lines", which implies pretty). */
  private static Encodings.JsonLayout jsonLayout(Evaluator ev, Args a) {
    if (a.named().keySet().stream().anyMatch(k -> !k.equals("pretty") && !k.equals("style"))) {
      throw ev.fail(Code.BAD_ARGUMENT, a.call().span(), "to_json() takes only `pretty:` and `style:` by name", usage("to_json"));
    }
    Value pretty = a.named().getOrDefault("pretty", new Value.Bool(false));
    if (!(pretty instanceof Value.Bool b)) {
      throw ev.fail(Code.BAD_ARGUMENT, a.namedSpans().get("pretty"), "to_json()'s `pretty:` is a bool, found " + Conformance.article(pretty.typeName()), usage("to_json"));
    }
    if (!a.named().containsKey("style")) return b.value() ? Encodings.JsonLayout.PRETTY : Encodings.JsonLayout.COMPACT;
    Value style = a.named().get("style");
    if (!(style instanceof Value.Str st) || !st.value().equals("lines")) {
      throw ev.fail(Code.BAD_ARGUMENT, a.namedSpans().get("style"), "to_json()'s `style:` is \"lines\", found " + Values.show(style), usage("to_json"));
    }
    if (a.named().containsKey("pretty") && !b.value()) {
      throw ev.fail(Code.BAD_ARGUMENT, a.namedSpans().get("style"), "to_json()'s `style: \"lines\"` lays out pretty JSON, but `pretty:` is false", "drop `pretty: false`, or `style:`");
    }
    return Encodings.JsonLayout.LINES;
  }

  private static Value cidrhost(Evaluator ev, Args a) {
    if (a.named().keySet().stream().anyMatch(k -> !k.equals("prefix"))) {
      throw ev.fail(Code.BAD_ARGUMENT, a.call().span(), "cidrhost() takes only `prefix:` by name", usage("cidrhost"));
    }
    arity(ev, a, "cidrhost", 2);
    if (!(a.get(0) instanceof Value.Cidr cidr)) throw wrong(ev, a, "cidrhost", 0, "a cidr");
    if (!(a.get(1) instanceof Value.Int n)) throw wrong(ev, a, "cidrhost", 1, "an int");
    Value prefix = a.named().getOrDefault("prefix", new Value.Bool(false));
    if (!(prefix instanceof Value.Bool withPrefix)) {
      throw ev.fail(Code.BAD_ARGUMENT, a.namedSpans().get("prefix"), "cidrhost()'s `prefix:` is a bool, found " + Conformance.article(prefix.typeName()), usage("cidrhost"));
    }
    String ip = Addresses.host(cidr.text(), n.value());
    if (ip == null) throw ev.fail(Code.OUT_OF_RANGE, a.at(1), "host " + n.value() + " is outside " + cidr.text(), "a /" + cidr.text().substring(cidr.text().indexOf('/') + 1) + " has hosts 0 to its size - 1, or -1 back to -size from its end");
    return withPrefix.value() ? new Value.Str(ip + cidr.text().substring(cidr.text().indexOf('/'))) : new Value.Ip(ip);
  }

  private static Value cidrsubnet(Evaluator ev, Args a) {
    arity(ev, a, "cidrsubnet", 3);
    if (!(a.get(0) instanceof Value.Cidr cidr)) throw wrong(ev, a, "cidrsubnet", 0, "a cidr");
    if (!(a.get(1) instanceof Value.Int newbits)) throw wrong(ev, a, "cidrsubnet", 1, "an int");
    if (!(a.get(2) instanceof Value.Int netnum)) throw wrong(ev, a, "cidrsubnet", 2, "an int");
    var range = Addresses.range(cidr.text());
    int bits = Integer.parseInt(cidr.text().substring(cidr.text().indexOf('/') + 1));
    if (newbits.value() < 0 || bits + newbits.value() > range.width()) {
      throw ev.fail(Code.OUT_OF_RANGE, a.at(1), "a /" + bits + " cannot be made " + newbits.value() + " bits longer", "newbits is 0 to " + (range.width() - bits) + " for " + cidr.text());
    }
    int length = bits + (int) newbits.value();
    var count = java.math.BigInteger.ONE.shiftLeft((int) newbits.value());
    var num = java.math.BigInteger.valueOf(netnum.value());
    if (num.signum() < 0 || num.compareTo(count) >= 0) {
      throw ev.fail(Code.OUT_OF_RANGE, a.at(2), "subnet " + netnum.value() + " is outside " + cidr.text() + ", which has " + count + " subnets of /" + length, "netnum is 0 to " + count.subtract(java.math.BigInteger.ONE));
    }
    return new Value.Cidr(Addresses.text(range.first().add(num.shiftLeft(range.width() - length)), range.width()) + "/" + length);
  }

  private static Value lookup(Evaluator ev, Args a) {
    if (a.size() != 2 && a.size() != 3) {
      throw ev.fail(Code.BAD_ARGUMENT, a.call().span(), "lookup() takes 2 or 3 arguments, found " + a.size(), usage("lookup"));
    }
    if (!(a.get(0) instanceof Value.Obj m)) throw wrong(ev, a, "lookup", 0, "a map");
    String key = Values.text(a.get(1));
    if (key == null) throw wrong(ev, a, "lookup", 1, "a string");
    Value v = m.fields().get(key);
    if (v != null) return v;
    if (a.size() == 3) return a.get(2);
    String dym = Spelling.didYouMean(key, m.fields().keySet());
    throw ev.fail(Code.BAD_ARGUMENT, a.at(1), "the map has no key " + dev.labc.format.Formatter.quote(key),
        dym != null ? dym : m.fields().isEmpty() ? "the map is empty; give a default: lookup(m, key, default)" : "give a default as the third argument, or use one of its " + m.fields().size() + " keys");
  }

  /** format("%s-%02d"...) is not offered: %s, %d, %q and %% only, each checked against its argument. */
  private static Value format(Evaluator ev, Args a) {
    if (a.size() < 1 || !(a.get(0) instanceof Value.Str spec)) {
      if (a.size() < 1) throw ev.fail(Code.BAD_ARGUMENT, a.call().span(), "format() needs a spec", usage("format"));
      throw wrong(ev, a, "format", 0, "a string");
    }
    var taint = new Taint();
    var sb = new StringBuilder();
    String f = spec.value();
    int next = 1;
    for (int i = 0; i < f.length(); i++) {
      char ch = f.charAt(i);
      if (ch != '%') {
        sb.append(ch);
        continue;
      }
      if (i + 1 >= f.length()) throw ev.fail(Code.BAD_ARGUMENT, a.at(0), "format spec ends in a lone `%`", "write `%%` for a percent sign");
      char verb = f.charAt(++i);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (verb != 's' && verb != 'd' && verb != 'q') {
        throw ev.fail(Code.BAD_ARGUMENT, a.at(0), "format spec has `%" + verb + "`, which format() does not know", "use %s (text), %d (int), %q (quoted string) or %% (a percent sign)");
      }
      if (next >= a.size()) throw ev.fail(Code.BAD_ARGUMENT, a.call().span(), "format spec has more verbs than the " + (a.size() - 1) + " argument" + (a.size() == 2 ? "" : "s") + " given", usage("format"));
      Value v = a.get(next);
      String text = v instanceof Value.Secret sec ? taint.read(sec) : Values.text(v);
      if (verb == 'd' && !(v instanceof Value.Int)) throw wrong(ev, a, "format", next, "an int for `%d`");
      if (text == null) throw wrong(ev, a, "format", next, "text, a number, a quantity, an address or a name for `%" + verb + "`");
      sb.append(verb == 'q' ? new com.fasterxml.jackson.databind.node.TextNode(text).toString() : text); // %q: a JSON string, which YAML and TOML read too
      next++;
      if (sb.length() > Evaluator.MAX_STRING) throw ev.fail(Code.EVALUATION_LIMIT, a.call().span(), "string grows past " + Evaluator.MAX_STRING + " characters", null);
    }
    if (next < a.size()) throw ev.fail(Code.BAD_ARGUMENT, a.at(next), "format() got " + (a.size() - next) + " argument" + (a.size() - next == 1 ? "" : "s") + " its spec has no verb for", usage("format"));
    return taint.result(sb.toString());
  }

  private static void arity(Evaluator ev, Expr.Call c, List<Value> args, int n) {
    if (args.size() != n) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "expected " + n + " argument" + (n == 1 ? "" : "s") + ", found " + args.size(), null);
  }

  /** env("NAME"): only where the value becomes a secret param, so environment values never leak into plain config. */
  private static Value env(Evaluator ev, Expr.Call c, List<Value> args) {
    arity(ev, c, args, 1);
    if (!(args.get(0) instanceof Value.Str name)) throw ev.fail(Code.BAD_ARGUMENT, c.span(), "env() takes the variable's name as a string", null);
    if (ev.currentParam() == null) {
      throw ev.fail(Code.SECRET_MISUSE, c.span(), "env() is only allowed as the default of a `secret` param",
          "declare `param x: secret string = env(\"" + name.value() + "\")` and use `x`");
    }
    return new Value.Secret("env " + name.value(), ev.environment().apply(name.value()));
  }

  /** nodes(role: r): the declared nodes, sorted by name, optionally those with a role. */
  private static Value nodes(Evaluator ev, Expr.Call c, List<Value> positional, Map<String, Value> named) {
    if (ev.isExpanding()) {
      throw ev.fail(Code.CYCLE, c.span(), "nodes() cannot be used to decide which blocks exist", "loops and conditions that generate blocks may use params and lets");
    }
    if (!positional.isEmpty() || named.keySet().stream().anyMatch(k -> !k.equals("role"))) {
      throw ev.fail(Code.BAD_ARGUMENT, c.span(), "nodes() takes only `role:`", "e.g. nodes(role: worker)");
    }
    Value role = named.get("role");
    if (role == null) return new Value.ListV(List.copyOf(ev.entitiesOfKind("node")));
    String want = role instanceof Value.EnumV e ? e.member() : Values.text(role);
    if (want == null) return new Value.ListV(List.of());
    // Computed once per role (a failure is not kept: it is reported where it happens).
    return ev.nodesWithRole(want, w -> {
      var out = new ArrayList<Value>();
      for (Value.Ref r : ev.entitiesOfKind("node")) {
        Value roles = ev.attributeOf(r, "roles");
        if (roles instanceof Value.ListV l && l.items().stream().anyMatch(x -> x instanceof Value.EnumV e && e.member().equals(w))) out.add(r);
      }
      return new Value.ListV(out);
    });
  }
}

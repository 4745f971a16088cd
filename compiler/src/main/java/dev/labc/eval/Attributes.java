package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Spelling;
import dev.labc.eval.Expansion.EntityDecl;
import dev.labc.eval.Expansion.Item;
import dev.labc.source.Span;
import dev.labc.syntax.Expr;
import dev.labc.syntax.Stmt;
import dev.labc.types.Schema;
import dev.labc.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The interpretation of blocks: each entity's attributes and nested blocks, evaluated lazily on
 * first use (so declaration order never matters), memoised in {@link EvalState} and checked
 * against the schema; a cycle is reported with its path.
 */
final class Attributes {
  private final EvalState st;
  private final Interpreter interpreter;
  private final Expansion expansion;

  Attributes(EvalState st, Interpreter interpreter, Expansion expansion) {
    this.st = st;
    this.interpreter = interpreter;
    this.expansion = expansion;
  }

  /** A nested block's value: a record, or for a list-of-records attribute one record per block written. */
  private Value blockValue(Item it, Type expected, String owner) {
    Type element = Expansion.listOfRecords(expected);
    if (element == null) return record((Stmt.Block) it.stmt(), expected, it.env(), owner);
    var out = new ArrayList<Value>();
    out.add(record((Stmt.Block) it.stmt(), element, it.env(), owner));
    for (Item more : it.repeats()) out.add(record((Stmt.Block) more.stmt(), element, more.env(), owner));
    return new Value.ListV(out);
  }

  Entity evaluateEntity(EntityDecl d) {
    Schema schema = st.schemas.get(d.kind());
    String addr = d.kind() + "." + d.name();
    var values = new TreeMap<String, Value>();
    var spans = new TreeMap<String, Span>();
    for (Item it : d.items().values()) {
      spans.put(it.name(), it.stmt().span());
      nestedSpans(it.name(), it.stmt(), spans);
      if (!schema.fields().containsKey(it.name())) {
        st.diags.error(Code.UNKNOWN_ATTRIBUTE, it.stmt() instanceof Stmt.Attribute a ? a.name().span() : ((Stmt.Block) it.stmt()).kind().span(),
            "`" + d.kind() + "` has no attribute `" + it.name() + "`", hintItem(it, schema));
        continue;
      }
      try {
        values.put(it.name(), attribute(addr, it.name()));
      } catch (EvalError e) {
        st.report(e);
      }
    }
    for (Schema.Field f : schema.fields().values()) {
      if (values.containsKey(f.name()) || d.items().containsKey(f.name())) continue;
      if (f.defaultValue() != null) {
        try {
          values.put(f.name(), attribute(addr, f.name()));
        } catch (EvalError e) {
          st.report(e);
        }
      } else if (f.required()) {
        Span at = d.block().label() != null ? d.block().label().span() : d.block().kind().span();
        st.diags.error(Code.MISSING_ATTRIBUTE, at, "`" + addr + "` needs `" + f.name() + "` (" + f.type().describe() + ")",
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
    Schema other = st.schemas.get(it.name());
    if (it.stmt() instanceof Stmt.Block && other != null && other.isKind()) {
      return "`" + it.name() + "` is a kind: its blocks are declared at the top level, not inside a `" + schema.name() + "`; move the block (or the `for` making it) out";
    }
    return hintFields(it.name(), schema);
  }

  static String hintFields(String name, Schema schema) {
    String dym = Spelling.didYouMean(name, schema.fields().keySet());
    return dym != null ? dym : "`" + schema.name() + "` has " + String.join(", ", schema.fields().keySet());
  }

  /** An entity's attribute, evaluated once and type-checked; cycles are reported with their path. */
  Value attribute(String addr, String name) {
    Map<String, Value> memo = st.attrValues.computeIfAbsent(addr, k -> new HashMap<>());
    Value v = memo.get(name);
    if (v != null) return v;
    EntityDecl d = st.entityDecls.get(addr);
    Schema.Field field = st.schemas.get(d.kind()).fields().get(name);
    Item it = d.items().get(name);
    String key = addr + "." + name;
    Span at = it != null ? it.stmt().span() : field.span();
    st.enter(key, at);
    try {
      if (it == null) {
        v = field.defaultValue() != null ? interpreter.eval(field.defaultValue(), Env.EMPTY.bind("self", new Value.Ref(d.kind(), d.name()))) : new Value.Null();
        if (field.defaultValue() != null) v = st.conform(v, field.type(), field.defaultValue().span(), "the default of `" + name + "`");
      } else {
        Span valueSpan;
        Value raw;
        if (it.stmt() instanceof Stmt.Attribute a) {
          raw = interpreter.eval(a.value(), it.env());
          valueSpan = a.value().span();
        } else {
          raw = blockValue(it, field.type(), addr);
          valueSpan = it.stmt().span();
        }
        v = st.conform(raw, field.type(), valueSpan, "`" + name + "`");
      }
      memo.put(name, v);
      return v;
    } finally {
      st.exit(key);
    }
  }

  /** A nested block, such as {@code gpu { ... }}, evaluated against its record schema. */
  private Value record(Stmt.Block nb, Type expected, Env env, String owner) {
    Type t = expected instanceof Type.OptionalT o ? o.inner() : expected;
    if (!(t instanceof Type.RecordT rt)) {
      throw st.fail(Code.TYPE_MISMATCH, nb.kind().span(), "`" + nb.kind().name() + "` is a " + expected.describe() + ", not a block",
          "write it as `" + nb.kind().name() + " = ...`");
    }
    if (nb.label() != null) throw st.fail(Code.TYPE_MISMATCH, nb.label().span(), "`" + nb.kind().name() + "` blocks take no label", null);
    Schema schema = st.schemas.get(rt.schema());
    var items = new LinkedHashMap<String, Item>();
    expansion.collectItems(nb.body(), env, items, owner + "." + nb.kind().name(), schema);
    var fields = new TreeMap<String, Value>();
    for (Item it : items.values()) {
      Schema.Field f = schema.fields().get(it.name());
      if (f == null) {
        st.diags.error(Code.UNKNOWN_ATTRIBUTE, it.stmt().span(), "`" + schema.name() + "` has no attribute `" + it.name() + "`", hintItem(it, schema));
        continue;
      }
      Value raw = it.stmt() instanceof Stmt.Attribute a ? interpreter.eval(a.value(), it.env()) : blockValue(it, f.type(), owner);
      fields.put(it.name(), raw);
    }
    return new Value.Obj(fields);
  }
}

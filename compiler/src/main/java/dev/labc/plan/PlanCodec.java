package dev.labc.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labc.addr.ResourceAddr;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan's JSON form ({@code format_version} "1", documented in docs/plan-format.md): what
 * {@code labc plan -out} saves and {@code labc apply} reads back. Keys sorted, no timestamps.
 * Secrets appear only as {@code {"secret": "hmac-sha256:..."}} digests.
 */
public final class PlanCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      // Numbers are held with trailing zeros stripped (2000 is 2E+3 inside); plans print 2000.
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  /** A plan file that cannot be read, with what to do about it. */
  public static final class PlanFileException extends Exception {
    public final String hint;

    public PlanFileException(String message, String hint) {
      super(message);
      this.hint = hint;
    }
  }

  private PlanCodec() {}

  public static String encode(Plan p) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", p.formatVersion());
    root.put("labc_version", p.labcVersion());
    root.put("source", p.source());
    root.put("inputs_digest", p.inputsDigest());
    ObjectNode prior = root.putObject("prior_state");
    if (p.priorLineage() == null) prior.putNull("lineage"); else prior.put("lineage", p.priorLineage());
    prior.put("serial", p.priorSerial());
    ObjectNode summary = root.putObject("summary");
    summary.put("add", p.count(Action.CREATE) + p.count(Action.REPLACE));
    summary.put("change", p.count(Action.UPDATE));
    summary.put("destroy", p.count(Action.DELETE) + p.count(Action.REPLACE));
    ArrayNode arr = root.putArray("changes");
    for (Change c : p.changes()) {
      ObjectNode o = arr.addObject();
      o.put("address", c.addr().toString());
      o.put("type", c.type());
      o.put("action", c.action().word);
      o.set("before", values(c.before()));
      o.set("after", values(c.after()));
      ArrayNode unk = o.putArray("unknown_after_apply");
      c.unknown().forEach(unk::add);
      ArrayNode deps = o.putArray("depends_on");
      c.dependsOn().forEach(d -> deps.add(d.toString()));
      if (c.drifted()) o.put("drifted", true); // absent when false: plans without drift read as before
      if (!c.triggeredBy().isEmpty()) {
        ArrayNode t = o.putArray("triggered_by");
        c.triggeredBy().forEach(x -> t.add(x.toString()));
      }
      // Derived from type and attributes (Need), so never read back; absent when empty, like drifted.
      if (!c.needs().isEmpty()) {
        ArrayNode needs = o.putArray("needs");
        c.needs().forEach(n -> needs.add(n.word));
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode values(Map<String, Value> m) {
    ObjectNode o = MAPPER.createObjectNode();
    new TreeMap<>(m).forEach((k, v) -> o.set(k, json(v)));
    return o;
  }

  private static JsonNode json(Value v) {
    return switch (v) {
      case SecretDigest d -> MAPPER.createObjectNode().put("secret", d.encoded());
      case Value.Text t -> MAPPER.getNodeFactory().textNode(t.value());
      case Value.Num n -> MAPPER.getNodeFactory().numberNode(n.value());
      case Value.Bool b -> MAPPER.getNodeFactory().booleanNode(b.value());
      case Value.Null n -> MAPPER.getNodeFactory().nullNode();
      case Value.Array a -> {
        ArrayNode arr = MAPPER.createArrayNode();
        a.items().forEach(x -> arr.add(json(x)));
        yield arr;
      }
      case Value.Dict d -> {
        ObjectNode o = MAPPER.createObjectNode().put("dict", true);
        o.set("fields", values(d.fields()));
        yield o;
      }
    };
  }

  public static Plan decode(String text, String file) throws PlanFileException {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (IOException e) {
      throw new PlanFileException(file + " is not a labc plan: not valid JSON", "make a plan with `labc plan -out " + file + "`");
    }
    if (root == null || !root.isObject() || !root.has("format_version")) {
      throw new PlanFileException(file + " is not a labc plan: it has no format_version", "make a plan with `labc plan -out " + file + "`");
    }
    String fv = root.get("format_version").asText();
    if (!fv.equals(Plan.FORMAT_VERSION)) {
      throw new PlanFileException(file + " has plan format_version " + fv + "; this labc reads version " + Plan.FORMAT_VERSION,
          "make the plan again with this labc version");
    }
    try {
      var changes = new ArrayList<Change>();
      for (JsonNode c : root.get("changes")) {
        Action action = null;
        for (Action a : Action.values()) if (a.word.equals(c.get("action").asText())) action = a;
        if (action == null) throw new IllegalArgumentException("unknown action " + c.get("action"));
        var unknown = new TreeSet<String>();
        c.get("unknown_after_apply").forEach(x -> unknown.add(x.asText()));
        var deps = new ArrayList<ResourceAddr>();
        c.get("depends_on").forEach(x -> deps.add(ResourceAddr.parse(x.asText())));
        var triggers = new ArrayList<ResourceAddr>();
        c.path("triggered_by").forEach(x -> triggers.add(ResourceAddr.parse(x.asText())));
        changes.add(new Change(ResourceAddr.parse(c.get("address").asText()), c.get("type").asText(), action,
            values(c.get("before")), values(c.get("after")), unknown, deps, c.path("drifted").asBoolean(false), triggers));
      }
      JsonNode prior = root.get("prior_state");
      return new Plan(fv, root.get("labc_version").asText(), root.get("source").asText(), root.get("inputs_digest").asText(),
          prior.get("lineage").isNull() ? null : prior.get("lineage").asText(), prior.get("serial").asLong(), changes);
    } catch (RuntimeException e) {
      throw new PlanFileException(file + " is a damaged labc plan (" + e.getMessage() + ")", "make the plan again with `labc plan -out`");
    }
  }

  private static TreeMap<String, Value> values(JsonNode o) {
    var out = new TreeMap<String, Value>();
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      var e = it.next();
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  private static Value value(JsonNode n) {
    if (n.isNull()) return Value.Null.NULL;
    if (n.isBoolean()) return Value.of(n.booleanValue());
    if (n.isNumber()) return new Value.Num(new BigDecimal(n.asText()));
    if (n.isTextual()) return new Value.Text(n.textValue());
    if (n.isArray()) {
      List<Value> items = new ArrayList<>();
      n.forEach(x -> items.add(value(x)));
      return new Value.Array(items);
    }
    if (n.has("secret")) return SecretDigest.decode(n.get("secret").asText());
    if (n.has("dict")) return new Value.Dict(values(n.get("fields")));
    throw new IllegalArgumentException("unreadable value " + n);
  }
}

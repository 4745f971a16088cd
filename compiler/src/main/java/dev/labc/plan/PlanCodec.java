package dev.labc.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labc.addr.ResourceAddr;
import dev.labc.state.LargeText;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import dev.labc.state.codec.ValueCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan's JSON form ({@code format_version} "5"; documented in docs/plan-format.md): what
 * {@code labc plan -out} saves and {@code labc apply} reads back. Keys sorted, no timestamps. Values
 * are encoded by {@link ValueCodec}, as state is: secrets only as {@code {"$secret": "hmac-sha256:..."}}
 * digests, large texts as {@code {"$content": "sha256:..."}} references to the {@code contents} table.
 * Plans of versions "1" and "2" (values as {@code {"secret": ...}}, {@code {"dict": true, "fields": ...}},
 * {@code {"content": ...}}) are still read.
 */
public final class PlanCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      // Numbers are held with trailing zeros stripped (2000 is 2E+3 inside); plans print 2000.
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      // Read numbers exactly, as state does: through a double, 549755813888.0047 came back ...0048.
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
    StringWriter out = new StringWriter();
    try {
      encode(p, out);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter does not fail", e);
    }
    return out.toString();
  }

  /**
   * Writes the plan as it goes, so a plan is never held twice (as a tree and as a string): what
   * {@code labc plan -out} uses. Large texts are written once, in {@code contents}, and referenced
   * by digest where they occur; a plan that has any is format version 2.
   */
  public static void encode(Plan p, Writer out) throws IOException {
    // Collected first: the version says whether the table is there, and it precedes the changes
    // so that a reader meets each text before its references.
    Map<String, String> contents = new TreeMap<>();
    for (Change c : p.changes()) {
      c.before().values().forEach(v -> ValueCodec.collectLargeTexts(v, contents));
      c.after().values().forEach(v -> ValueCodec.collectLargeTexts(v, contents));
      c.found().values().forEach(v -> ValueCodec.collectLargeTexts(v, contents));
    }
    try (JsonGenerator g = MAPPER.writer().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("format_version", Plan.FORMAT_VERSION);
      g.writeStringField("labc_version", p.labcVersion());
      g.writeStringField("source", p.source());
      g.writeStringField("inputs_digest", p.inputsDigest());
      if (!p.inputs().isEmpty()) {
        g.writeObjectFieldStart("inputs");
        for (var e : p.inputs().entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
      }
      g.writeObjectFieldStart("prior_state");
      if (p.priorLineage() == null) g.writeNullField("lineage"); else g.writeStringField("lineage", p.priorLineage());
      g.writeNumberField("serial", p.priorSerial());
      g.writeEndObject();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("add", p.count(Action.CREATE) + p.count(Action.REPLACE));
      g.writeNumberField("change", p.count(Action.UPDATE));
      g.writeNumberField("destroy", p.count(Action.DELETE) + p.count(Action.REPLACE));
      g.writeEndObject();
      disruptions(g, p);
      if (!contents.isEmpty()) {
        g.writeObjectFieldStart("contents");
        for (var e : contents.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
      }
      g.writeArrayFieldStart("changes");
      for (Change c : p.changes()) {
        g.writeStartObject();
        g.writeStringField("address", c.addr().toString());
        g.writeStringField("type", c.type());
        g.writeStringField("action", c.action().word);
        g.writeFieldName("before");
        values(g, c.before());
        g.writeFieldName("after");
        values(g, c.after());
        g.writeArrayFieldStart("unknown_after_apply");
        for (String u : c.unknown()) g.writeString(u);
        g.writeEndArray();
        g.writeArrayFieldStart("depends_on");
        for (ResourceAddr d : c.dependsOn()) g.writeString(d.toString());
        g.writeEndArray();
        if (c.drifted()) g.writeBooleanField("drifted", true); // absent when false: plans without drift read as before
        if (!c.triggeredBy().isEmpty()) {
          g.writeArrayFieldStart("triggered_by");
          for (ResourceAddr x : c.triggeredBy()) g.writeString(x.toString());
          g.writeEndArray();
        }
        // What the refresh read on a drifted resource's host; absent when nothing was read, so older plans read as before.
        if (!c.found().isEmpty()) {
          g.writeFieldName("found");
          values(g, c.found());
        }
        // Derived from type and attributes (Need), so never read back; absent when empty, like drifted.
        if (!c.needs().isEmpty()) {
          g.writeArrayFieldStart("needs");
          for (Need n : c.needs()) g.writeString(n.word);
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n");
    out.flush();
  }

  /**
   * What the apply does around disruptive changes, absent when nothing: drains and the batch size
   * are read back; reboots and batches are written for readers of the JSON and derived again from
   * the changes when read, as needs are.
   */
  private static void disruptions(JsonGenerator g, Plan p) throws IOException {
    Disruptions d = p.disruptions();
    var reboots = d.reboots(p.changes());
    if (d.slurmDrains().isEmpty() && d.kubeDrains().isEmpty() && reboots.isEmpty() && d.batchSize() == 0) return;
    g.writeObjectFieldStart("disruptions");
    if (!d.slurmDrains().isEmpty() || !d.kubeDrains().isEmpty()) {
      g.writeObjectFieldStart("drains");
      strings(g, "kubernetes", d.kubeDrains());
      strings(g, "slurm", d.slurmDrains());
      g.writeEndObject();
    }
    strings(g, "reboots", reboots);
    if (d.batchSize() > 0) {
      g.writeObjectFieldStart("rollout");
      g.writeNumberField("batch", d.batchSize());
      g.writeArrayFieldStart("batches");
      for (List<String> b : d.rollout(p.changes()).batches()) {
        g.writeStartArray();
        for (String n : b) g.writeString(n);
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> items) throws IOException {
    if (items.isEmpty()) return;
    g.writeArrayFieldStart(field);
    for (String s : items) g.writeString(s);
    g.writeEndArray();
  }

  private static Disruptions disruptions(JsonNode root) {
    JsonNode d = root.path("disruptions");
    if (d.isMissingNode()) return Disruptions.NONE;
    var slurm = new ArrayList<String>();
    var kube = new ArrayList<String>();
    d.path("drains").path("slurm").forEach(x -> slurm.add(x.asText()));
    d.path("drains").path("kubernetes").forEach(x -> kube.add(x.asText()));
    JsonNode batch = d.path("rollout").path("batch");
    if (!batch.isMissingNode() && !(batch.canConvertToInt() && batch.asInt() > 0)) throw new IllegalArgumentException("rollout batch " + batch + " is not a number of nodes");
    return new Disruptions(slurm, kube, batch.isMissingNode() ? 0 : batch.asInt());
  }

  private static void values(JsonGenerator g, Map<String, Value> m) throws IOException {
    g.writeStartObject();
    for (var e : new TreeMap<>(m).entrySet()) {
      g.writeFieldName(e.getKey());
      ValueCodec.write(g, e.getValue());
    }
    g.writeEndObject();
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
    if (!List.of(Plan.FORMAT_VERSION_1, Plan.CONTENTS_FORMAT_VERSION_2, Plan.VALUE_CODEC_FORMAT_VERSION_3, Plan.WATCH_FORMAT_VERSION_4,
        Plan.FORMAT_VERSION).contains(fv)) {
      throw new PlanFileException(file + " has plan format_version " + fv + "; this labc reads versions 1 to "
          + Plan.FORMAT_VERSION, "make the plan again with this labc version");
    }
    // Plans before typed steps recorded watched files as one comma-joined text.
    boolean upgrade = !fv.equals(Plan.FORMAT_VERSION) && !fv.equals(Plan.WATCH_FORMAT_VERSION_4);
    try {
      Map<String, String> contents = contents(root, fv);
      // Before "3", values had the plan's own encoding.
      boolean legacy = fv.equals(Plan.FORMAT_VERSION_1) || fv.equals(Plan.CONTENTS_FORMAT_VERSION_2);
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
        String type = c.get("type").asText();
        java.util.function.Function<JsonNode, SortedMap<String, Value>> attrs = o -> upgrade
            ? HostStep.upgradeFromFormat2(type, values(o, contents, legacy)) : values(o, contents, legacy);
        changes.add(new Change(ResourceAddr.parse(c.get("address").asText()), type, action,
            attrs.apply(c.get("before")), attrs.apply(c.get("after")), unknown, deps, c.path("drifted").asBoolean(false), triggers,
            c.has("found") ? values(c.get("found"), contents, legacy) : new TreeMap<>()));
      }
      JsonNode prior = root.get("prior_state");
      var inputs = new TreeMap<String, String>();
      root.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
      return new Plan(fv, root.get("labc_version").asText(), root.get("source").asText(), root.get("inputs_digest").asText(),
          prior.get("lineage").isNull() ? null : prior.get("lineage").asText(), prior.get("serial").asLong(), inputs, changes,
          // Before "5" a plan recorded no drains or batches: it rolls only with --serial given to apply.
          fv.equals(Plan.FORMAT_VERSION) ? disruptions(root) : Disruptions.NONE);
    } catch (RuntimeException e) {
      throw new PlanFileException(file + " is a damaged labc plan (" + e.getMessage() + ")", "make the plan again with `labc plan -out`");
    }
  }

  /**
   * The {@code contents} table of a version 2 plan, each text checked against its digest. The
   * map hands every reference the table's one String, so a text shared by 10,000 nodes is held once.
   */
  private static Map<String, String> contents(JsonNode root, String version) {
    JsonNode table = root.get("contents");
    if (version.equals(Plan.FORMAT_VERSION_1)) {
      if (table != null) throw new IllegalArgumentException("a version " + version + " plan has a contents table");
      return Map.of();
    }
    if (table == null && !version.equals(Plan.CONTENTS_FORMAT_VERSION_2)) return Map.of(); // since "3", written only when needed
    if (table == null || !table.isObject()) throw new IllegalArgumentException("no contents table");
    var out = new HashMap<String, String>();
    for (var it = table.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!LargeText.isDigest(e.getKey()) || !e.getValue().isTextual()) {
        throw new IllegalArgumentException("contents must map sha256 digests to texts");
      }
      String text = e.getValue().textValue();
      if (!LargeText.digestIfLarge(text).map(e.getKey()::equals).orElse(false)) {
        throw new IllegalArgumentException("the text under " + e.getKey() + " in contents does not have that digest");
      }
      out.put(e.getKey(), text);
    }
    return out;
  }

  private static TreeMap<String, Value> values(JsonNode o, Map<String, String> contents, boolean legacy) {
    var out = new TreeMap<String, Value>();
    var texts = new ValueCodec.Texts() {
      @Override public Value.Text text(String s) { return new Value.Text(s); }

      @Override public Value.Text content(String digest) { return new Value.Text(tableText(contents, digest)); }
    };
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      var e = it.next();
      out.put(e.getKey(), legacy ? legacyValue(e.getValue(), contents) : ValueCodec.fromJson(e.getValue(), texts));
    }
    return out;
  }

  private static String tableText(Map<String, String> contents, String digest) {
    String text = contents.get(digest);
    if (text == null) throw new IllegalArgumentException("no text for " + digest + " in contents");
    return text;
  }

  /** A value as plans of format versions 1 and 2 wrote it ({@code secret}, {@code dict}, {@code content} objects). */
  private static Value legacyValue(JsonNode n, Map<String, String> contents) {
    if (n.isNull()) return Value.Null.NULL;
    if (n.isBoolean()) return Value.of(n.booleanValue());
    if (n.isNumber()) return new Value.Num(new BigDecimal(n.asText()));
    if (n.isTextual()) return new Value.Text(n.textValue());
    if (n.isArray()) {
      List<Value> items = new ArrayList<>();
      n.forEach(x -> items.add(legacyValue(x, contents)));
      return new Value.Array(items);
    }
    if (n.has("secret")) return SecretDigest.decode(n.get("secret").asText());
    if (n.has("dict")) return new Value.Dict(legacyValues(n.get("fields"), contents));
    if (n.has("content") && n.size() == 1) return new Value.Text(tableText(contents, n.get("content").asText()));
    throw new IllegalArgumentException("unreadable value " + n);
  }

  private static TreeMap<String, Value> legacyValues(JsonNode o, Map<String, String> contents) {
    var out = new TreeMap<String, Value>();
    o.fields().forEachRemaining(e -> out.put(e.getKey(), legacyValue(e.getValue(), contents)));
    return out;
  }
}

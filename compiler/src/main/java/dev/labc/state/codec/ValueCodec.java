package dev.labc.state.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labc.state.LargeText;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one JSON encoding of a {@link Value}, shared by state files and saved plans. JSON data maps
 * to itself; a secret digest is {@code {"$secret": "hmac-sha256:..."}}; a text of
 * {@link LargeText#THRESHOLD} chars or more is {@code {"$content": "sha256:..."}}, its text kept
 * once in the container's table (state: {@code contents/HEX.txt}; plan: {@code contents}). So that
 * no value can pass for a marker, a map key starting with {@code $} is written with one more {@code $}.
 */
public final class ValueCodec {
  public static final String SECRET_MARKER = "$secret";
  public static final String CONTENT_MARKER = "$content";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueCodec() {}

  /** A value the encoding cannot hold; the message says what, for the reader to place in its file. */
  public static final class MalformedValue extends IllegalArgumentException {
    MalformedValue(String message) { super(message); }
  }

  /** How a reader resolves texts: interning of short ones and the container's table of large ones. */
  public interface Texts {
    Value.Text text(String s);

    /** The large text stored under {@code digest}; fails in the container's own terms when it is missing. */
    Value.Text content(String digest);

    /** False where the format has no table (state version 1): {@code $content} is then an unknown marker. */
    default boolean contentRefs() { return true; }
  }

  /** Adds each large text in {@code value} to {@code table} under its digest. */
  public static void collectLargeTexts(Value value, Map<String, String> table) {
    switch (value) {
      case Value.Text t -> LargeText.digestIfLarge(t.value()).ifPresent(d -> table.putIfAbsent(d, t.value()));
      case Value.Array a -> a.items().forEach(item -> collectLargeTexts(item, table));
      case Value.Dict d -> d.fields().values().forEach(item -> collectLargeTexts(item, table));
      case SecretDigest d -> { } // a keyed hash, never the secret: nothing to store
      case Value.Num n -> { }
      case Value.Bool b -> { }
      case Value.Null n -> { }
    }
  }

  /** The value as a JSON tree; large texts become references (their texts are collected separately). */
  public static JsonNode toJson(Value value) {
    return switch (value) {
      case Value.Null n -> NODES.nullNode();
      case Value.Bool b -> NODES.booleanNode(b.value());
      case Value.Num n -> NODES.numberNode(n.value());
      case Value.Text t -> LargeText.digestIfLarge(t.value())
          .<JsonNode>map(digest -> NODES.objectNode().put(CONTENT_MARKER, digest))
          .orElseGet(() -> NODES.textNode(t.value()));
      case Value.Array a -> {
        ArrayNode array = NODES.arrayNode();
        a.items().forEach(item -> array.add(toJson(item)));
        yield array;
      }
      case Value.Dict d -> {
        ObjectNode obj = NODES.objectNode();
        d.fields().forEach((k, v) -> obj.set(escapeKey(k), toJson(v)));
        yield obj;
      }
      case SecretDigest s -> NODES.objectNode().put(SECRET_MARKER, s.encoded());
    };
  }

  /** As {@link #toJson}, written straight to a generator (a saved plan is streamed, never held whole). */
  public static void write(JsonGenerator g, Value value) throws IOException {
    switch (value) {
      case Value.Null n -> g.writeNull();
      case Value.Bool b -> g.writeBoolean(b.value());
      case Value.Num n -> g.writeNumber(n.value());
      case Value.Text t -> {
        var digest = LargeText.digestIfLarge(t.value());
        if (digest.isEmpty()) {
          g.writeString(t.value());
        } else {
          g.writeStartObject();
          g.writeStringField(CONTENT_MARKER, digest.get());
          g.writeEndObject();
        }
      }
      case Value.Array a -> {
        g.writeStartArray();
        for (Value item : a.items()) write(g, item);
        g.writeEndArray();
      }
      case Value.Dict d -> {
        g.writeStartObject();
        for (var e : d.fields().entrySet()) {
          g.writeFieldName(escapeKey(e.getKey()));
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case SecretDigest s -> {
        g.writeStartObject();
        g.writeStringField(SECRET_MARKER, s.encoded());
        g.writeEndObject();
      }
    }
  }

  /** Reads a value written by {@link #toJson} or {@link #write}; a malformed one is a {@link MalformedValue}. */
  public static Value fromJson(JsonNode node, Texts texts) {
    return switch (node.getNodeType()) {
      case NULL -> Value.Null.NULL;
      case BOOLEAN -> Value.of(node.booleanValue());
      case NUMBER -> new Value.Num(node.decimalValue());
      case STRING -> texts.text(node.textValue());
      case ARRAY -> {
        List<Value> items = new ArrayList<>();
        node.elements().forEachRemaining(item -> items.add(fromJson(item, texts)));
        yield new Value.Array(items);
      }
      case OBJECT -> {
        if (node.has(SECRET_MARKER)) {
          if (node.size() != 1 || !node.get(SECRET_MARKER).isTextual()) {
            throw new MalformedValue("a {\"$secret\": ...} object must hold exactly one digest string");
          }
          try {
            yield SecretDigest.decode(node.get(SECRET_MARKER).textValue());
          } catch (IllegalArgumentException e) {
            throw new MalformedValue(e.getMessage());
          }
        }
        if (node.has(CONTENT_MARKER) && texts.contentRefs()) {
          JsonNode digest = node.get(CONTENT_MARKER);
          if (node.size() != 1 || !digest.isTextual() || !LargeText.isDigest(digest.textValue())) {
            throw new MalformedValue("a {\"$content\": ...} object must hold exactly one"
                + " digest string, sha256: and 64 lowercase hex digits");
          }
          yield texts.content(digest.textValue());
        }
        SortedMap<String, Value> fields = new TreeMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
          var field = it.next();
          String key = field.getKey();
          if (key.startsWith("$")) {
            if (!key.startsWith("$$")) throw new MalformedValue("unknown marker key \"" + key + "\"");
            key = key.substring(1);
          }
          fields.put(key, fromJson(field.getValue(), texts));
        }
        yield new Value.Dict(fields);
      }
      default -> throw new MalformedValue("no JSON value");
    };
  }

  private static String escapeKey(String key) {
    return key.startsWith("$") ? "$" + key : key;
  }
}

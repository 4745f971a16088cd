package dev.labc.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Kubernetes YAML (one or many documents) and writes objects as canonical YAML: keys
 * sorted, no document marker, so the same object always prints the same and plans diff by line.
 */
public final class KubeManifests {
  /** A document that is not a Kubernetes object, with the 1-based document number. */
  public static final class ManifestException extends Exception {
    public ManifestException(String message) {
      super(message);
    }
  }

  private static final YAMLMapper READ = new YAMLMapper();
  private static final ObjectMapper WRITE = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build()).configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private KubeManifests() {}

  /** Every non-empty document of {@code yaml}, each checked to have apiVersion, kind and metadata.name. */
  public static List<Map<String, Object>> read(String yaml) throws ManifestException {
    var out = new ArrayList<Map<String, Object>>();
    int doc = 0;
    try (var parser = READ.createParser(yaml)) {
      var docs = READ.readValues(parser, JsonNode.class);
      while (docs.hasNextValue()) {
        doc++;
        JsonNode n = docs.nextValue();
        if (n == null || n.isNull() || n.isMissingNode()) continue;
        if (!(n instanceof ObjectNode o)) throw new ManifestException("document " + doc + " is not a mapping");
        for (String field : List.of("apiVersion", "kind")) {
          if (!o.path(field).isTextual() || o.path(field).asText().isBlank())
            throw new ManifestException("document " + doc + " has no `" + field + "`");
        }
        if (!o.path("metadata").path("name").isTextual())
          throw new ManifestException("document " + doc + " (" + o.path("kind").asText() + ") has no metadata.name");
        out.add(sorted(READ.convertValue(o, Map.class)));
      }
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new ManifestException("not valid YAML in document " + Math.max(doc, 1) + ": " + msg);
    }
    return out;
  }

  /** Canonical YAML text of one object. */
  public static String write(Map<String, Object> object) {
    try {
      return WRITE.writeValueAsString(sorted(object));
    } catch (IOException e) {
      throw new IllegalStateException("a map of plain values always serialises", e);
    }
  }

  /** Parses canonical (or any) YAML text of one object back to a map. */
  public static Map<String, Object> parse(String yaml) {
    try {
      return sorted(READ.readValue(yaml, Map.class));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a YAML object: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> sorted(Map<?, ?> m) {
    var out = new TreeMap<String, Object>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> mm ? sorted(mm) : v instanceof List<?> l ? sortedList(l) : v));
    return out;
  }

  private static List<Object> sortedList(List<?> l) {
    var out = new ArrayList<Object>();
    for (Object v : l) out.add(v instanceof Map<?, ?> mm ? sorted(mm) : v instanceof List<?> ll ? sortedList(ll) : v);
    return out;
  }
}

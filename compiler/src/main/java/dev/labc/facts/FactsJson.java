package dev.labc.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON for facts: what {@code labc facts} prints and what is stored beside a plan. Output is
 * deterministic (properties in alphabetical order, map keys sorted, {@code \n} line ends, nulls
 * written) so that equal facts give equal bytes and a stored snapshot diffs cleanly. A snapshot
 * carries {@code format_version}; readers refuse versions they do not know.
 */
public final class FactsJson {

    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final TypeReference<Map<String, HostFacts>> HOSTS = new TypeReference<>() {};

    private FactsJson() {}

    public static String write(HostFacts facts) {
        return text(MAPPER.valueToTree(facts));
    }

    public static HostFacts readHost(String json) {
        try {
            return MAPPER.readValue(json, HostFacts.class);
        } catch (JsonProcessingException e) {
            throw new FactsFormatException("not valid host facts JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(FactsSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.set("hosts", MAPPER.valueToTree(snapshot.hosts()));
        return text(root);
    }

    public static FactsSnapshot readSnapshot(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new FactsFormatException("facts snapshot must be a JSON object", null);
            }
            JsonNode version = root.get("format_version");
            if (version == null || !version.canConvertToInt() || version.asInt() != FORMAT_VERSION) {
                throw new FactsFormatException("unsupported facts snapshot format_version " + version
                        + " (this labc reads " + FORMAT_VERSION + ")", null);
            }
            Map<String, HostFacts> hosts = MAPPER.convertValue(root.path("hosts"), HOSTS);
            return new FactsSnapshot(hosts == null ? Map.of() : hosts);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            if (e instanceof FactsFormatException f) {
                throw f;
            }
            throw new FactsFormatException("not a valid facts snapshot: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node) {
        try {
            // Re-sorting via the tree keeps key order independent of how a node was built.
            return WRITER.writeValueAsString(MAPPER.treeToValue(node, Object.class)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts failed to serialise", e);
        }
    }
}

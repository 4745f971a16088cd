package dev.labc.runtime.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON that util-linux tools print, across the versions that print numbers as strings. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {}

    static JsonNode read(String factId, String stdout) throws FactParseException {
        Text.requireContent(factId, stdout);
        try {
            JsonNode node = MAPPER.readTree(stdout);
            if (node == null || !node.isObject()) {
                throw new FactParseException(factId, "expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FactParseException(factId, "not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A number written as a number or as a decimal string (older lsblk). */
    static long asLong(String factId, JsonNode node, String what) throws FactParseException {
        if (node != null && node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node != null && node.isTextual() && node.asText().matches("\\d+")) {
            return Long.parseLong(node.asText());
        }
        throw new FactParseException(factId, what + " is not a whole number: " + node);
    }

    /** A flag written as a JSON boolean (util-linux 2.37+) or as "0"/"1". */
    static boolean asFlag(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText().equals("1") || node.asText().equals("true");
    }
}

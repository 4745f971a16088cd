package dev.labc.runtime.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labc.facts.Cpu;
import dev.labc.shell.ShellCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lscpu -J}: a list of {@code {field, data}} pairs, nested under {@code children} in
 * util-linux 2.38+, so the tree is flattened first. ARM hosts say "per cluster" instead of
 * "per socket".
 */
public final class LscpuParser implements FactGatherer<Cpu> {

    @Override
    public String id() {
        return "lscpu";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("lscpu", "-J");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("lscpu");
    }

    @Override
    public Cpu parse(String stdout) throws FactParseException {
        JsonNode root = JsonOutput.read(id(), stdout);
        JsonNode list = root.get("lscpu");
        if (list == null || !list.isArray()) {
            throw new FactParseException(id(), "no \"lscpu\" array");
        }
        Map<String, String> fields = new HashMap<>();
        flatten(list, fields);
        String cpus = fields.get("CPU(s)");
        if (cpus == null) {
            throw new FactParseException(id(), "no CPU(s) field");
        }
        return FactParseException.guard(id(), () -> new Cpu(
                fields.get("Architecture"),
                fields.get("Model name"),
                Integer.parseInt(cpus),
                intOr(fields.get("Socket(s)"), 1),
                intOr(fields.getOrDefault("Core(s) per socket", fields.get("Core(s) per cluster")), 0),
                intOr(fields.get("Thread(s) per core"), 1)));
    }

    private static void flatten(JsonNode list, Map<String, String> out) {
        for (JsonNode entry : list) {
            String field = entry.path("field").asText("");
            if (field.endsWith(":")) {
                field = field.substring(0, field.length() - 1);
            }
            out.putIfAbsent(field, entry.path("data").asText(null));
            if (entry.has("children")) {
                flatten(entry.get("children"), out);
            }
        }
    }

    /** Sockets may read "-" in VMs. */
    private static int intOr(String s, int fallback) {
        return s != null && s.matches("\\d+") ? Integer.parseInt(s) : fallback;
    }
}

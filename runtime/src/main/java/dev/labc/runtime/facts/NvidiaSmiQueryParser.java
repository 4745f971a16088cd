package dev.labc.runtime.facts;

import dev.labc.facts.Gpu;
import dev.labc.facts.MigMode;
import dev.labc.facts.Nvidia;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nvidia-smi --query-gpu=<fields> --format=csv,...}. Reads both forms nvidia-smi prints: with
 * header and units ({@code memory.total [MiB]}, {@code 81559 MiB}), whose header names the
 * columns, and {@code noheader,nounits}, whose columns are the fields this parser was built with.
 * {@code index}, {@code uuid}, {@code name} and {@code memory.total} are required; a GPU whose
 * {@code mig.mode.current} was not queried reads {@link MigMode#UNSUPPORTED}. The result has no
 * CUDA version or MIG profiles (the CSV carries neither).
 */
public final class NvidiaSmiQueryParser implements FactGatherer<Nvidia> {

    public static final List<String> DEFAULT_FIELDS = List.of("index", "uuid", "name", "memory.total",
            "driver_version", "pci.bus_id", "mig.mode.current", "persistence_mode", "power.limit");

    private final List<String> fields;

    public NvidiaSmiQueryParser() {
        this(DEFAULT_FIELDS);
    }

    public NvidiaSmiQueryParser(List<String> fields) {
        this.fields = List.copyOf(fields);
        for (String required : List.of("index", "uuid", "name", "memory.total")) {
            if (!this.fields.contains(required)) {
                throw new IllegalArgumentException("query must include " + required);
            }
        }
    }

    @Override
    public String id() {
        return "nvidia-query";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("nvidia-smi", "--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("nvidia-smi");
    }

    @Override
    public Nvidia parse(String stdout) throws FactParseException {
        List<String> lines = Text.lines(stdout).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new FactParseException(id(), "no output");
        }
        List<String> columns = fields;
        List<String> rows = lines;
        if (isHeader(lines.get(0))) {
            columns = cells(lines.get(0)).stream().map(c -> c.replaceAll("\\s*\\[.*]$", "")).toList();
            rows = lines.subList(1, lines.size());
        }
        List<Gpu> gpus = new ArrayList<>();
        String driver = null;
        for (String row : rows) {
            List<String> cells = cells(row);
            if (cells.size() != columns.size()) {
                throw Text.bad(id(), "expected " + columns.size() + " columns", row);
            }
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                v.put(columns.get(i), cells.get(i));
            }
            for (String required : List.of("index", "uuid", "name", "memory.total")) {
                if (!v.containsKey(required)) {
                    throw new FactParseException(id(), "no " + required + " column");
                }
            }
            gpus.add(FactParseException.guard(id(), () -> new Gpu(
                    Integer.parseInt(v.get("index")), v.get("uuid"), v.get("name"),
                    NvidiaValues.number(v.get("memory.total")).longValue(),
                    NvidiaValues.number(v.get("power.limit")),
                    NvidiaValues.enabled(v.get("persistence_mode")),
                    NvidiaValues.migMode(v.get("mig.mode.current")),
                    NvidiaValues.unavailable(v.get("pci.bus_id")) ? null : v.get("pci.bus_id"))));
            if (driver == null && !NvidiaValues.unavailable(v.get("driver_version"))) {
                driver = v.get("driver_version");
            }
        }
        return new Nvidia(driver, null, gpus, List.of());
    }

    /** A header's first cell is a field name; a data row's first cell is a GPU index. */
    private static boolean isHeader(String line) {
        return !cells(line).getFirst().matches("\\d+");
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            out.add(c.strip());
        }
        return out;
    }
}

package dev.labc.runtime.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.labc.facts.BlockDevice;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lsblk -J -b}: sizes in bytes. util-linux 2.37+ prints {@code mountpoints} (an array, with
 * null for unmounted), older versions a single {@code mountpoint}; flags are booleans or "0"/"1".
 */
public final class LsblkParser implements FactGatherer<List<BlockDevice>> {

    @Override
    public String id() {
        return "lsblk";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("lsblk", "-J", "-b");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("lsblk");
    }

    @Override
    public List<BlockDevice> parse(String stdout) throws FactParseException {
        JsonNode devices = JsonOutput.read(id(), stdout).get("blockdevices");
        if (devices == null || !devices.isArray()) {
            throw new FactParseException(id(), "no \"blockdevices\" array");
        }
        return devices(devices);
    }

    private List<BlockDevice> devices(JsonNode array) throws FactParseException {
        List<BlockDevice> out = new ArrayList<>();
        for (JsonNode d : array) {
            String name = d.path("name").asText("");
            if (name.isEmpty()) {
                throw new FactParseException(id(), "block device without a name");
            }
            List<String> mountPoints = new ArrayList<>();
            if (d.has("mountpoints")) {
                for (JsonNode mp : d.get("mountpoints")) {
                    if (!mp.isNull()) {
                        mountPoints.add(mp.asText());
                    }
                }
            } else if (d.hasNonNull("mountpoint")) {
                mountPoints.add(d.get("mountpoint").asText());
            }
            List<BlockDevice> children = d.has("children") ? devices(d.get("children")) : List.of();
            out.add(new BlockDevice(name, d.path("type").asText(null), JsonOutput.asLong(id(), d.get("size"), "size"),
                    JsonOutput.asFlag(d.get("ro")), JsonOutput.asFlag(d.get("rm")), mountPoints, children));
        }
        return out;
    }
}

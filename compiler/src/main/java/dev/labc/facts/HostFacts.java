package dev.labc.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything labc knows about one host from one probe. Immutable; maps are sorted by key.
 *
 * <p>Absence: collections are never null (empty when the host has none). The single-valued facts
 * {@code os}, {@code machineId}, {@code kernel}, {@code clock}, {@code cpu}, {@code memory} and
 * {@code nvidia} are null when the host could not report them; {@code absentSections} names the
 * probe sections whose tool was missing ({@code nvidia} on a host without nvidia-smi,
 * {@code packages} without dpkg), and {@code gatherErrors} maps a section to why it failed
 * (command error or unparseable output), so one bad section never hides the others.
 */
public record HostFacts(
        String hostname,
        OsRelease os,
        String machineId,
        Kernel kernel,
        ClockReading clock,
        List<SwapDevice> swaps,
        Map<String, UserAccount> users,
        Map<String, GroupEntry> groups,
        Map<String, InstalledPackage> packages,
        Map<String, FileFacts> files,
        List<Mount> mounts,
        List<FstabEntry> fstab,
        Map<String, String> sysctls,
        Map<String, KernelModule> modules,
        Systemd systemd,
        Cpu cpu,
        Memory memory,
        List<BlockDevice> blockDevices,
        Nvidia nvidia,
        List<String> absentSections,
        Map<String, String> gatherErrors) {

    public HostFacts {
        Objects.requireNonNull(hostname, "hostname");
        swaps = Copies.list(swaps);
        users = Copies.sorted(users);
        groups = Copies.sorted(groups);
        packages = Copies.sorted(packages);
        files = Copies.sorted(files);
        mounts = Copies.list(mounts);
        fstab = Copies.list(fstab);
        sysctls = Copies.sorted(sysctls);
        modules = Copies.sorted(modules);
        systemd = systemd == null ? Systemd.absent() : systemd;
        blockDevices = Copies.list(blockDevices);
        absentSections = List.copyOf(new TreeSet<>(Copies.list(absentSections)));
        gatherErrors = Copies.sorted(gatherErrors);
    }

    /** The fstab lines that declare swap (what survives a reboot, unlike {@link #swaps()}). */
    public List<FstabEntry> fstabSwapEntries() {
        return fstab.stream().filter(FstabEntry::swap).toList();
    }

    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    /** Collects sections as a probe is parsed, or as a test writes a host by hand. */
    public static final class Builder {
        private String hostname;
        private OsRelease os;
        private String machineId;
        private Kernel kernel;
        private ClockReading clock;
        private List<SwapDevice> swaps = List.of();
        private Map<String, UserAccount> users = Map.of();
        private Map<String, GroupEntry> groups = Map.of();
        private Map<String, InstalledPackage> packages = Map.of();
        private final Map<String, FileFacts> files = new LinkedHashMap<>();
        private List<Mount> mounts = List.of();
        private List<FstabEntry> fstab = List.of();
        private Map<String, String> sysctls = Map.of();
        private Map<String, KernelModule> modules = Map.of();
        private Systemd systemd = Systemd.absent();
        private Cpu cpu;
        private Memory memory;
        private List<BlockDevice> blockDevices = List.of();
        private Nvidia nvidia;
        private final List<String> absentSections = new ArrayList<>();
        private final Map<String, String> gatherErrors = new LinkedHashMap<>();

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        public Builder hostname(String v) { hostname = v; return this; }
        public Builder os(OsRelease v) { os = v; return this; }
        public Builder machineId(String v) { machineId = v; return this; }
        public Builder kernel(Kernel v) { kernel = v; return this; }
        public Builder clock(ClockReading v) { clock = v; return this; }
        public Builder swaps(List<SwapDevice> v) { swaps = v; return this; }
        public Builder users(Map<String, UserAccount> v) { users = v; return this; }
        public Builder groups(Map<String, GroupEntry> v) { groups = v; return this; }
        public Builder packages(Map<String, InstalledPackage> v) { packages = v; return this; }
        public Builder file(FileFacts v) { files.put(v.path(), v); return this; }
        public Builder mounts(List<Mount> v) { mounts = v; return this; }
        public Builder fstab(List<FstabEntry> v) { fstab = v; return this; }
        public Builder sysctls(Map<String, String> v) { sysctls = v; return this; }
        public Builder modules(Map<String, KernelModule> v) { modules = v; return this; }
        public Builder systemd(Systemd v) { systemd = v; return this; }
        public Builder cpu(Cpu v) { cpu = v; return this; }
        public Builder memory(Memory v) { memory = v; return this; }
        public Builder blockDevices(List<BlockDevice> v) { blockDevices = v; return this; }
        public Builder nvidia(Nvidia v) { nvidia = v; return this; }
        public Builder absent(String section) { absentSections.add(section); return this; }
        public Builder gatherError(String section, String why) { gatherErrors.put(section, why); return this; }

        public HostFacts build() {
            return new HostFacts(hostname, os, machineId, kernel, clock, swaps, users, groups, packages, files,
                    mounts, fstab, sysctls, modules, systemd, cpu, memory, blockDevices, nvidia,
                    absentSections, gatherErrors);
        }
    }
}

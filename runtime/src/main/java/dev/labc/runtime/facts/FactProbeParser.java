package dev.labc.runtime.facts;

import dev.labc.facts.ClockReading;
import dev.labc.facts.FileFacts;
import dev.labc.facts.FstabEntry;
import dev.labc.facts.GroupEntry;
import dev.labc.facts.HostFacts;
import dev.labc.facts.InstalledPackage;
import dev.labc.facts.KernelModule;
import dev.labc.facts.MigProfile;
import dev.labc.facts.Mount;
import dev.labc.facts.Nvidia;
import dev.labc.facts.OsRelease;
import dev.labc.facts.SwapDevice;
import dev.labc.facts.Systemd;
import dev.labc.facts.UnitState;
import dev.labc.facts.UserAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Splits the output of a {@link FactProbe} into its sections and runs each section's parser into
 * {@link HostFacts}. A section that is absent, failed or unparseable is recorded in
 * {@link HostFacts#absentSections()} or {@link HostFacts#gatherErrors()} and the rest still parse;
 * only output that is not from this probe (a missing boundary, the hostname unknown) fails it all.
 */
public final class FactProbeParser {

    /** One section's text and how it ended: the exit code, or absent. */
    record SectionOutput(String text, boolean absent, int exitCode) {}

    private FactProbeParser() {}

    /**
     * @param sentAtMillis     local epoch millis just before the probe was sent
     * @param receivedAtMillis local epoch millis just after its output arrived
     */
    public static HostFacts parse(FactProbe probe, String stdout, long sentAtMillis, long receivedAtMillis)
            throws FactParseException {
        Map<String, SectionOutput> outputs = split(probe, stdout);
        SectionOutput host = outputs.get("hostname");
        if (host.absent() || host.exitCode() != 0) {
            throw new FactParseException("probe", "the host did not report its hostname");
        }
        HostFacts.Builder b = HostFacts.builder(new HostnameParser().parse(host.text()));
        Map<String, UnitState> units = Map.of();
        Map<String, String> unitFiles = Map.of();
        boolean systemdRunning = false;
        Nvidia nvidia = null;
        List<MigProfile> mig = List.of();
        List<dev.labc.facts.MigInstance> instances = List.of();
        for (FactProbe.Section section : probe.sections()) {
            SectionOutput out = outputs.get(section.name());
            if (out.absent()) {
                b.absent(section.name());
                continue;
            }
            if (out.exitCode() != 0 && !section.gatherer().toleratesFailure()) {
                b.gatherError(section.name(), "exit status " + out.exitCode() + firstLine(out.text()));
                continue;
            }
            Object value;
            try {
                value = section.gatherer().parse(out.text());
            } catch (FactParseException e) {
                b.gatherError(section.name(), e.getMessage());
                continue;
            }
            switch (section.gatherer()) {
                case DateParser g -> b.clock(ClockReading.between((Long) value, sentAtMillis, receivedAtMillis));
                case HostnameParser g -> { }
                case OsReleaseParser g -> b.os((OsRelease) value);
                case MachineIdParser g -> b.machineId(((Optional<?>) value).map(String.class::cast).orElse(null));
                case UnameParser g -> b.kernel((dev.labc.facts.Kernel) value);
                case PasswdParser g -> b.users(cast(value));
                case GroupParser g -> b.groups(FactProbeParser.<Map<String, GroupEntry>>cast(value));
                case DpkgQueryParser g -> b.packages(FactProbeParser.<Map<String, InstalledPackage>>cast(value));
                case FstabParser g -> b.fstab(FactProbeParser.<List<FstabEntry>>cast(value));
                case MountsParser g -> b.mounts(FactProbeParser.<List<Mount>>cast(value));
                case ProcSwapsParser g -> b.swaps(FactProbeParser.<List<SwapDevice>>cast(value));
                case ProcModulesParser g -> b.modules(FactProbeParser.<Map<String, KernelModule>>cast(value));
                case SysctlParser g -> b.sysctls(FactProbeParser.<Map<String, String>>cast(value));
                case SystemdUnitsParser g -> {
                    units = cast(value);
                    systemdRunning = true;
                }
                case SystemdUnitFilesParser g -> {
                    unitFiles = cast(value);
                    systemdRunning = true;
                }
                case LscpuParser g -> b.cpu((dev.labc.facts.Cpu) value);
                case LsblkParser g -> b.blockDevices(cast(value));
                case FreeParser g -> b.memory((dev.labc.facts.Memory) value);
                case NvidiaSmiXmlParser g -> nvidia = (Nvidia) value;
                case MigProfileParser g -> mig = cast(value);
                case MigInstanceParser g -> instances = cast(value);
                case FileStatParser g -> b.file((FileFacts) value);
                default -> throw new IllegalStateException("no destination for section " + section.name());
            }
        }
        b.systemd(new Systemd(systemdRunning, mergeUnits(units, unitFiles)));
        if (nvidia != null) {
            b.nvidia(new Nvidia(nvidia.driverVersion(), nvidia.cudaVersion(), nvidia.gpus(), mig, instances));
        }
        return b.build();
    }

    private static Map<String, UnitState> mergeUnits(Map<String, UnitState> units, Map<String, String> unitFiles) {
        Map<String, UnitState> merged = new TreeMap<>();
        units.forEach((name, u) -> merged.put(name, new UnitState(name, u.load(), u.active(), u.sub(), unitFiles.get(name))));
        unitFiles.forEach((name, state) -> merged.putIfAbsent(name, new UnitState(name, null, null, null, state)));
        return merged;
    }

    static Map<String, SectionOutput> split(FactProbe probe, String stdout) throws FactParseException {
        Map<String, SectionOutput> out = new LinkedHashMap<>();
        int at = 0;
        for (FactProbe.Section section : probe.sections()) {
            String begin = probe.beginLine(section.name()) + "\n";
            int start = stdout.indexOf(begin, at);
            if (start < 0) {
                throw new FactParseException("probe", "output has no section '" + section.name()
                        + "' (truncated, or not from this probe)");
            }
            start += begin.length();
            String endMarker = "\n" + probe.endPrefix(section.name());
            int end = stdout.indexOf(endMarker, start);
            int close = end < 0 ? -1 : stdout.indexOf("==\n", end + endMarker.length());
            if (end < 0 || close < 0) {
                throw new FactParseException("probe", "section '" + section.name() + "' never ends");
            }
            String status = stdout.substring(end + endMarker.length(), close);
            boolean absent = status.equals("absent");
            int rc;
            if (absent) {
                rc = 0;
            } else if (status.matches("\\d{1,3}")) {
                rc = Integer.parseInt(status);
            } else {
                throw new FactParseException("probe", "section '" + section.name() + "' has status '" + status + "'");
            }
            out.put(section.name(), new SectionOutput(stdout.substring(start, end), absent, rc));
            at = close + 3;
        }
        return out;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : ": " + Text.abbreviate(line);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}

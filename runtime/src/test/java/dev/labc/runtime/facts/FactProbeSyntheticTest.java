package dev.labc.runtime.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.facts.FactsJson;
import dev.labc.facts.HostFacts;
import dev.labc.facts.MigProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Probe output assembled from the real H100 captures, as the GPU node would have answered. */
class FactProbeSyntheticTest {

    private static final String NONCE = "0123456789abcdef0123";

    static String section(FactProbe probe, String name, String body, String status) {
        return probe.beginLine(name) + "\n" + body + "\n" + probe.endPrefix(name) + status + "==\n";
    }

    static Map<String, String> gpuNodeBodies() {
        Map<String, String> host = Fixtures.hostSections();
        Map<String, String> b = new HashMap<>();
        b.put("date", Fixtures.read("ubuntu-2404-h100/date.txt"));
        b.put("hostname", "vm\n");
        b.put("os-release", host.get("os-release"));
        b.put("machine-id", Fixtures.read("ubuntu-2404-h100/machine-id.txt"));
        b.put("uname", "6.18.44-fc-v657-gpu\n#1 SMP PREEMPT_DYNAMIC @0\nx86_64\n");
        b.put("passwd", Fixtures.read("ubuntu-2404-h100/passwd.txt"));
        b.put("group", Fixtures.read("ubuntu-2404-h100/group.txt"));
        b.put("packages", Fixtures.read("ubuntu-2404-h100/dpkg-query.tsv"));
        b.put("fstab", Fixtures.read("ubuntu-2404-h100/fstab.txt"));
        b.put("mounts", host.get("mounts"));
        b.put("swaps", Fixtures.read("ubuntu-2404-h100/proc-swaps.txt"));
        b.put("modules", Fixtures.read("ubuntu-2404-h100/proc-modules.txt"));
        b.put("sysctl", Fixtures.read("ubuntu-2404-h100/sysctl-a.txt"));
        b.put("lscpu", Fixtures.read("gpu-node-h100/lscpu.json"));
        b.put("lsblk", Fixtures.read("gpu-node-h100/lsblk.json"));
        b.put("free", Fixtures.read("gpu-node-h100/free.txt"));
        b.put("nvidia-xml", Fixtures.read("gpu-node-h100/nvidia-smi-q.xml"));
        b.put("nvidia-mig", Fixtures.read("ubuntu-2404-h100/mig-lgip.txt"));
        // MIG is off on the captured card (q.xml's current_mig): nvidia-smi says so instead of a table.
        b.put("nvidia-mig-instances", "No MIG-enabled devices found.\n");
        return b;
    }

    /** The captured node had no systemd (pid 1 was process_api), so those sections are absent. */
    static String gpuNodeOutput(FactProbe probe, Map<String, String> bodies, Map<String, String> statuses) {
        StringBuilder out = new StringBuilder();
        for (FactProbe.Section s : probe.sections()) {
            String status = statuses.getOrDefault(s.name(), s.name().startsWith("systemd") ? "absent" : "0");
            out.append(section(probe, s.name(), status.equals("absent") ? "" : bodies.getOrDefault(s.name(), "missing"), status));
        }
        return out.toString();
    }

    @Test
    void gpuNodeFacts() throws Exception {
        FactProbe probe = new FactProbe(NONCE, List.of("/etc/labc/none"));
        HostFacts f = FactProbeParser.parse(probe, gpuNodeOutput(probe, gpuNodeBodies(), Map.of()), 1_795_345_380_000L,
                1_795_345_380_200L);
        assertEquals("vm", f.hostname());
        assertEquals("ubuntu", f.os().id());
        assertNull(f.machineId());
        assertEquals(119, f.clock().skewMillis(), "the host printed 119 ms after the answer arrived");
        assertEquals(1000, f.users().get("ubuntu").uid());
        assertTrue(f.packages().get("libnccl2").held());
        assertEquals("580.159.04", f.nvidia().driverVersion());
        assertEquals("13.0", f.nvidia().cudaVersion());
        assertEquals(1, f.nvidia().gpus().size());
        assertEquals("NVIDIA H100 80GB HBM3", f.nvidia().gpus().getFirst().name());
        assertEquals(7, f.nvidia().migProfiles().stream().filter(p -> p.name().equals("1g.10gb"))
                .mapToInt(MigProfile::instancesTotal).sum());
        assertEquals(List.of(), f.nvidia().migInstances());
        assertEquals(16, f.cpu().cpus());
        assertFalse(f.systemd().present());
        assertEquals(List.of("systemd-unit-files", "systemd-units"), f.absentSections());
        assertEquals(Map.of(), f.gatherErrors());
        assertFalse(f.files().get("/etc/labc/none").exists());
        assertEquals(f, FactsJson.readHost(FactsJson.write(f)), "facts survive their JSON form");
    }

    @Test
    void oneBadSectionDoesNotHideTheOthers() throws Exception {
        FactProbe probe = new FactProbe(NONCE, List.of());
        Map<String, String> bodies = gpuNodeBodies();
        bodies.put("lscpu", "{ truncated");
        String out = gpuNodeOutput(probe, bodies, Map.of("lsblk", "127", "nvidia-xml", "absent", "nvidia-mig", "absent"));
        HostFacts f = FactProbeParser.parse(probe, out, 0, 0);
        assertNull(f.cpu());
        assertTrue(f.gatherErrors().get("lscpu").startsWith("lscpu: not JSON"), f.gatherErrors().toString());
        assertTrue(f.gatherErrors().get("lsblk").startsWith("exit status 127"), f.gatherErrors().toString());
        assertNull(f.nvidia());
        assertTrue(f.absentSections().contains("nvidia-xml"));
        assertEquals(19, f.users().size());
    }

    @Test
    void outputFromAnotherRunIsRefused() {
        FactProbe ours = new FactProbe(NONCE, List.of());
        FactProbe theirs = new FactProbe("fedcba9876543210fedc", List.of());
        String out = gpuNodeOutput(theirs, gpuNodeBodies(), Map.of());
        var e = assertThrows(FactParseException.class, () -> FactProbeParser.parse(ours, out, 0, 0));
        assertTrue(e.getMessage().contains("no section"), e.getMessage());
    }

    @Test
    void truncatedOutputIsRefused() {
        FactProbe probe = new FactProbe(NONCE, List.of());
        String out = gpuNodeOutput(probe, gpuNodeBodies(), Map.of());
        assertThrows(FactParseException.class, () -> FactProbeParser.parse(probe, out.substring(0, out.length() / 2), 0, 0));
        assertThrows(FactParseException.class, () -> FactProbeParser.parse(probe, "", 0, 0));
    }

    @Test
    void sectionTextIsReturnedByteForByte() throws Exception {
        FactProbe probe = new FactProbe(NONCE, List.of());
        String tricky = "no trailing newline\n==labc:0000000000000000:end:date:0==";
        String out = section(probe, "date", tricky, "0");
        // A forged end line with the wrong nonce and no final newline both pass through untouched.
        assertEquals(tricky, FactProbeParser.split(probe, out + rest(probe)).get("date").text());
    }

    private static String rest(FactProbe probe) {
        StringBuilder out = new StringBuilder();
        for (FactProbe.Section s : probe.sections().subList(1, probe.sections().size())) {
            out.append(section(probe, s.name(), "", "0"));
        }
        return out.toString();
    }

    @Test
    void scriptQuotesFilePaths() {
        FactProbe probe = new FactProbe(NONCE, List.of("/tmp/a'b $(reboot)"));
        assertTrue(probe.script().contains("'/tmp/a'\\''b $(reboot)'"));
        assertFalse(probe.script().contains(" /tmp/a'b"));
    }
}

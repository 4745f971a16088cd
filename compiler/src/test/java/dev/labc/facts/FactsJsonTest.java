package dev.labc.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactsJsonTest {

    static HostFacts sampleHost(boolean reverseInsertion) {
        Map<String, String> sysctls = new LinkedHashMap<>();
        List<String> keys = List.of("vm.swappiness", "net.ipv4.ip_forward", "kernel.pid_max");
        List<String> values = List.of("60", "0", "4194304");
        for (int i = 0; i < keys.size(); i++) {
            int j = reverseInsertion ? keys.size() - 1 - i : i;
            sysctls.put(keys.get(j), values.get(j));
        }
        return HostFacts.builder("gpu01")
                .os(new OsRelease("ubuntu", "24.04", "noble", "Ubuntu 24.04.3 LTS"))
                .machineId("0123456789abcdef0123456789abcdef")
                .kernel(new Kernel("6.8.0-51-generic", "#52-Ubuntu SMP", "x86_64"))
                .clock(ClockReading.of(1_795_345_380_319L, 1_795_345_380_100L))
                .users(Map.of("root", new UserAccount("root", 0, 0, "root", "/root", "/bin/bash")))
                .groups(Map.of("video", new GroupEntry("video", 44, List.of("ubuntu"))))
                .packages(Map.of("libnccl2", new InstalledPackage("libnccl2", "2.28.3-1+cuda13.0", "installed", true)))
                .file(new FileFacts("/etc/hostname", FileType.REGULAR, "0644", "root", "root", 6L,
                        "2f7ad6a3b6c5a6b4d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9", null))
                .file(FileFacts.missing("/etc/labc/absent"))
                .fstab(List.of(new FstabEntry("/swap.img", "none", "swap", List.of("sw"), 0, 0)))
                .sysctls(sysctls)
                .systemd(new Systemd(true, Map.of("ssh.service",
                        new UnitState("ssh.service", "loaded", "active", "running", "enabled"))))
                .cpu(new Cpu("x86_64", "Intel(R) Xeon(R) Processor", 16, 1, 16, 1))
                .memory(new Memory(135_148_564_480L, 134_641_762_304L, 0, 0))
                .nvidia(new Nvidia("580.159.04", "13.0",
                        List.of(new Gpu(0, "GPU-5d49ebb6-7ad1-132d-299e-ba1631693e1c", "NVIDIA H100 80GB HBM3",
                                81559, 700.0, true, MigMode.DISABLED, "00000000:00:06.0")),
                        List.of(new MigProfile(0, "1g.10gb", 19, 7, 7, 9.75, 16))))
                .absent("lsblk")
                .gatherError("sysctl", "exit status 255")
                .build();
    }

    @Test
    void hostFactsRoundTrip() {
        HostFacts host = sampleHost(false);
        assertEquals(host, FactsJson.readHost(FactsJson.write(host)));
    }

    @Test
    void outputDoesNotDependOnInsertionOrder() {
        assertEquals(FactsJson.write(sampleHost(false)), FactsJson.write(sampleHost(true)));
    }

    @Test
    void snapshotRoundTripAndSortedHosts() {
        var snapshot = new FactsSnapshot(Map.of("b", sampleHost(false), "a", sampleHost(true)));
        String json = FactsJson.write(snapshot);
        assertTrue(json.indexOf("\"a\"") < json.indexOf("\"b\""), json);
        assertTrue(json.startsWith("{\n  \"format_version\" : 1,"), json);
        assertEquals(snapshot, FactsJson.readSnapshot(json));
    }

    @Test
    void hostJsonMatchesGolden() throws Exception {
        // Pins field names and order: a rename here changes stored snapshots, so it must be deliberate.
        Path golden = Path.of("src/test/resources/facts/host.golden.json");
        String actual = FactsJson.write(sampleHost(false));
        if (!Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            fail("wrote missing golden " + golden + "; review it");
        }
        assertEquals(Files.readString(golden), actual);
    }

    @Test
    void refusesUnknownFormatVersion() {
        var e = assertThrows(FactsFormatException.class, () -> FactsJson.readSnapshot("{\"format_version\": 99, \"hosts\": {}}"));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        assertThrows(FactsFormatException.class, () -> FactsJson.readSnapshot("[1]"));
        assertThrows(FactsFormatException.class, () -> FactsJson.readHost("{not json"));
    }

    @Test
    void fstabSwapEntriesAreDerivedFromFstab() {
        assertEquals(List.of("/swap.img"), sampleHost(false).fstabSwapEntries().stream().map(FstabEntry::spec).toList());
    }

    @Test
    void recordsAreImmutable() {
        HostFacts host = sampleHost(false);
        assertThrows(UnsupportedOperationException.class, () -> host.sysctls().put("x", "y"));
        assertEquals(List.of("kernel.pid_max", "net.ipv4.ip_forward", "vm.swappiness"), List.copyOf(host.sysctls().keySet()));
    }
}

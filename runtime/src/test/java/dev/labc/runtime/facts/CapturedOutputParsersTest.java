package dev.labc.runtime.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.facts.BlockDevice;
import dev.labc.facts.Cpu;
import dev.labc.facts.FstabEntry;
import dev.labc.facts.Gpu;
import dev.labc.facts.GroupEntry;
import dev.labc.facts.InstalledPackage;
import dev.labc.facts.KernelModule;
import dev.labc.facts.Memory;
import dev.labc.facts.MigMode;
import dev.labc.facts.MigProfile;
import dev.labc.facts.Mount;
import dev.labc.facts.Nvidia;
import dev.labc.facts.OsRelease;
import dev.labc.facts.UserAccount;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every parser against real captures from H100 nodes (see facts/fixtures/README.md). */
class CapturedOutputParsersTest {

    private static final String H100 = "NVIDIA H100 80GB HBM3";

    @Test
    void nvidiaXmlGivesDriverCudaAndTheGpu() throws Exception {
        Nvidia n = new NvidiaSmiXmlParser().parse(Fixtures.read("gpu-node-h100/nvidia-smi-q.xml"));
        assertEquals("580.159.04", n.driverVersion());
        assertEquals("13.0", n.cudaVersion());
        assertEquals(1, n.gpus().size());
        Gpu gpu = n.gpus().getFirst();
        assertEquals(new Gpu(0, "GPU-5d49ebb6-7ad1-132d-299e-ba1631693e1c", H100, 81559, 700.0, true,
                MigMode.DISABLED, "00000000:00:06.0"), gpu);
    }

    @Test
    void queryCsvWithoutHeaderUsesTheQueriedFields() throws Exception {
        // The capture's column order, read off its values against the XML of the same node.
        var parser = new NvidiaSmiQueryParser(List.of("index", "uuid", "name", "memory.total", "memory.used",
                "driver_version", "pci.bus_id", "compute_cap", "mig.mode.current", "persistence_mode",
                "temperature.gpu", "power.draw", "power.limit"));
        Nvidia n = parser.parse(Fixtures.read("gpu-node-h100/query-gpu.csv"));
        assertEquals("580.159.04", n.driverVersion());
        assertEquals(List.of(new Gpu(0, "GPU-5d49ebb6-7ad1-132d-299e-ba1631693e1c", H100, 81559, 700.0, true,
                MigMode.DISABLED, "00000000:00:06.0")), n.gpus());
    }

    @Test
    void queryCsvWithHeaderAndUnitsReadsColumnsFromTheHeader() throws Exception {
        // Built with the default fields, yet the header's different column set wins.
        Nvidia n = new NvidiaSmiQueryParser().parse(Fixtures.read("ubuntu-2404-h100/query-gpu-header.csv"));
        Gpu gpu = n.gpus().getFirst();
        assertEquals(1, n.gpus().size());
        assertEquals("GPU-e47836ec-b0e3-3bb3-1f5b-5a19013bb117", gpu.uuid());
        assertEquals(H100, gpu.name());
        assertEquals(81559, gpu.memoryTotalMib());
        assertEquals(700.0, gpu.powerLimitWatts());
        assertEquals(MigMode.DISABLED, gpu.migMode());
        assertNull(gpu.persistenceMode(), "persistence_mode was not in this query");
        assertEquals("580.159.04", n.driverVersion());
    }

    @Test
    void migProfilesOfTheH100() throws Exception {
        List<MigProfile> profiles = new MigProfileParser().parse(Fixtures.read("ubuntu-2404-h100/mig-lgip.txt"));
        Map<String, Integer> totals = profiles.stream()
                .collect(Collectors.toMap(MigProfile::name, MigProfile::instancesTotal, (a, b) -> a, java.util.LinkedHashMap::new));
        assertEquals(Map.of("1g.10gb", 7, "1g.10gb+me", 1, "1g.20gb", 4, "2g.20gb", 3, "3g.40gb", 2, "4g.40gb", 1,
                "7g.80gb", 1), totals);
        MigProfile full = profiles.getLast();
        assertEquals(new MigProfile(0, "7g.80gb", 0, 1, 1, 79.25, 132), full);
        assertEquals(19, profiles.getFirst().id());
        assertEquals(9.75, profiles.getFirst().memoryGib());
    }

    @Test
    void migProfilesAbsentOnAGpuWithoutMig() throws Exception {
        assertEquals(List.of(), new MigProfileParser().parse("No MIG-supported devices found.\n"));
    }

    @Test
    void lscpuJson() throws Exception {
        Cpu cpu = new LscpuParser().parse(Fixtures.read("gpu-node-h100/lscpu.json"));
        assertEquals(new Cpu("x86_64", "Intel(R) Xeon(R) Processor", 16, 1, 16, 1), cpu);
    }

    @Test
    void lsblkJson() throws Exception {
        List<BlockDevice> devices = new LsblkParser().parse(Fixtures.read("gpu-node-h100/lsblk.json"));
        assertEquals(List.of("zram0", "vda", "vdb"), devices.stream().map(BlockDevice::name).toList());
        BlockDevice vda = devices.get(1);
        assertEquals(274_877_906_944L, vda.sizeBytes());
        assertEquals(List.of("/"), vda.mountPoints());
        assertTrue(devices.get(2).readOnly());
        assertEquals(List.of(), devices.getFirst().mountPoints(), "null mountpoint entries are dropped");
    }

    @Test
    void freeBytes() throws Exception {
        Memory m = new FreeParser().parse(Fixtures.read("gpu-node-h100/free.txt"));
        assertEquals(new Memory(135_148_564_480L, 134_637_674_496L, 0, 0), m);
    }

    @Test
    void osReleaseFromHostCapture() throws Exception {
        OsRelease os = new OsReleaseParser().parse(Fixtures.hostSections().get("os-release"));
        assertEquals(new OsRelease("ubuntu", "24.04", "noble", "Ubuntu 24.04.3 LTS"), os);
    }

    @Test
    void mountsFromHostCapture() throws Exception {
        List<Mount> mounts = new MountsParser().parse(Fixtures.hostSections().get("mounts"));
        Mount nvidia = mounts.stream().filter(m -> m.mountPoint().equals("/usr/local/nvidia")).findFirst().orElseThrow();
        assertEquals(new Mount("/dev/vdb", "/usr/local/nvidia", "squashfs",
                List.of("ro", "nosuid", "nodev", "relatime", "errors=continue")), nvidia);
        assertEquals(10, mounts.size());
    }

    @Test
    void sysctlFromBothCaptures() throws Exception {
        Map<String, String> host = new SysctlParser().parse(Fixtures.hostSections().get("sysctl"));
        assertEquals(Map.of("net.ipv4.ip_forward", "0", "net.bridge.bridge-nf-call-iptables", "1", "vm.swappiness", "60"), host);
        Map<String, String> all = new SysctlParser().parse(Fixtures.read("ubuntu-2404-h100/sysctl-a.txt"));
        assertEquals("vm", all.get("kernel.hostname"));
        assertEquals("3806\t2047\t45\t0\t525\t0", all.get("fs.dentry-state"), "multi-field values keep their tabs");
        assertEquals("file\npipe\nsocket", all.get("kernel.core_modes"), "a key on three lines");
        assertEquals(398, all.size());
    }

    @Test
    void passwdUsers() throws Exception {
        Map<String, UserAccount> users = new PasswdParser().parse(Fixtures.read("ubuntu-2404-h100/passwd.txt"));
        assertEquals(19, users.size());
        assertEquals(new UserAccount("ubuntu", 1000, 1000, "Ubuntu", "/home/ubuntu", "/bin/bash"), users.get("ubuntu"));
        assertEquals(65534, users.get("nobody").uid());
        assertEquals("", users.get("_apt").gecos());
    }

    @Test
    void groupsWithMembers() throws Exception {
        Map<String, GroupEntry> groups = new GroupParser().parse(Fixtures.read("ubuntu-2404-h100/group.txt"));
        assertEquals(new GroupEntry("video", 44, List.of("ubuntu")), groups.get("video"));
        assertEquals(List.of(), groups.get("root").members());
        assertEquals(41, groups.size());
    }

    @Test
    void dpkgPackagesIncludingHolds() throws Exception {
        Map<String, InstalledPackage> pkgs = new DpkgQueryParser().parse(Fixtures.read("ubuntu-2404-h100/dpkg-query.tsv"));
        assertEquals(439, pkgs.size());
        assertEquals(new InstalledPackage("libnccl2", "2.28.3-1+cuda13.0", "installed", true), pkgs.get("libnccl2"));
        assertEquals(new InstalledPackage("bash", "5.2.21-2ubuntu4", "installed", false), pkgs.get("bash"));
        assertEquals(5, pkgs.values().stream().filter(InstalledPackage::held).count());
    }

    @Test
    void procModules() throws Exception {
        Map<String, KernelModule> modules = new ProcModulesParser().parse(Fixtures.read("ubuntu-2404-h100/proc-modules.txt"));
        assertEquals(List.of("nvidia_uvm", "nvidia"), List.copyOf(modules.keySet()));
        assertEquals(new KernelModule("nvidia", 14_299_136, null, List.of(), "Live"), modules.get("nvidia"));
    }

    @Test
    void procSwapsWithNoSwap() throws Exception {
        assertEquals(List.of(), new ProcSwapsParser().parse(Fixtures.read("ubuntu-2404-h100/proc-swaps.txt")));
        assertEquals(List.of(), new ProcSwapsParser().parse(Fixtures.hostSections().get("swap")));
    }

    @Test
    void fstabThatIsOnlyAComment() throws Exception {
        assertEquals(List.of(), new FstabParser().parse(Fixtures.read("ubuntu-2404-h100/fstab.txt")));
    }

    @Test
    void emptyMachineIdIsAnAnswer() throws Exception {
        assertTrue(new MachineIdParser().parse(Fixtures.read("ubuntu-2404-h100/machine-id.txt")).isEmpty());
    }

    @Test
    void dateWithNanoseconds() throws Exception {
        assertEquals(1_795_345_380_319L, new DateParser().parse(Fixtures.read("ubuntu-2404-h100/date.txt")));
    }

    @Test
    void unameFromHostCaptureFieldsOnePerLine() throws Exception {
        // host.txt has `uname -a`; the probe asks for -r, -v, -m on separate lines. Rebuild those from it.
        String[] a = Fixtures.hostSections().get("uname").strip().split(" ");
        var kernel = new UnameParser().parse(a[2] + "\n#1 SMP PREEMPT_DYNAMIC @0\n" + a[a.length - 2] + "\n");
        assertEquals("6.18.44-fc-v657-gpu", kernel.release());
        assertEquals("x86_64", kernel.machine());
    }

    @Test
    void fstabEntriesWithEscapesAndDefaults() throws Exception {
        List<FstabEntry> entries = new FstabParser().parse("""
                # comment
                UUID=abc / ext4 errors=remount-ro 0 1
                /swap.img none swap sw 0 0
                server:/export /mnt/my\\040data nfs
                """);
        assertEquals(3, entries.size());
        assertEquals("/mnt/my data", entries.get(2).file());
        assertEquals(List.of("defaults"), entries.get(2).options());
        assertTrue(entries.get(1).swap());
        assertFalse(entries.get(0).swap());
        assertEquals(1, entries.get(0).passno());
    }

    @Test
    void theDeclaredGpuModelIsRecognisedInTheNameTheCapturedH100Reports() throws Exception {
        Nvidia n = new NvidiaSmiQueryParser().parse(Fixtures.read("ubuntu-2404-h100/query-gpu-header.csv"));
        String reported = n.gpus().getFirst().name();
        assertTrue(dev.labc.check.FactChecks.matches("H100", reported), reported);
        assertTrue(dev.labc.check.FactChecks.matches("H100_80GB", reported), reported);
        assertFalse(dev.labc.check.FactChecks.matches("H100_NVL", reported), reported);
        assertFalse(dev.labc.check.FactChecks.matches("A100_80GB", reported), reported);
        assertTrue(dev.labc.check.FactChecks.matches("A100_80GB", "NVIDIA A100-SXM4-80GB"));
        // The form: the captured card reports as an SXM H100 (HBM3), which a PCIe one does not.
        assertTrue(dev.labc.check.FactChecks.matches("H100_SXM", reported), reported);
        assertFalse(dev.labc.check.FactChecks.matches("H100_PCIE", reported), reported);
        assertTrue(dev.labc.check.FactChecks.matches("H100_PCIE", "NVIDIA H100 PCIe"));
        assertFalse(dev.labc.check.FactChecks.matches("H100_SXM", "NVIDIA H100 PCIe"));
        assertTrue(dev.labc.check.FactChecks.matches("A100_PCIE_80GB", "NVIDIA A100 80GB PCIe"));
        assertFalse(dev.labc.check.FactChecks.matches("A100_SXM_80GB", "NVIDIA A100 80GB PCIe"));
        assertTrue(dev.labc.check.FactChecks.matches("H200_SXM", "NVIDIA H200"));
        assertFalse(dev.labc.check.FactChecks.matches("H200_SXM", "NVIDIA H200 NVL"));
        // L4 is not L40S, nor L40 an L40S.
        assertFalse(dev.labc.check.FactChecks.matches("L4", "NVIDIA L40S"));
        assertFalse(dev.labc.check.FactChecks.matches("L40", "NVIDIA L40S"));
        assertTrue(dev.labc.check.FactChecks.matches("L40S", "NVIDIA L40S"));
    }
}

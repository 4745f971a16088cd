package dev.labc.runtime.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.graph.GrubDropIn;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.state.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The boot check after a `kernel_args` drop-in, run by sh against a stand-in command line file:
 * over generated argument lists and "new boots" holding a random part of them, the boot passes
 * exactly when every declared argument is a whole word of the command line, and otherwise fails
 * naming a missing one. Look-alikes (intel_iommu=pt for iommu=pt) do not count.
 */
class KernelArgsBootCheckPropertyTest {
  private static final List<String> POOL = List.of("iommu=pt", "intel_iommu=on", "amd_iommu=on", "nouveau.modeset=0",
      "pci=realloc", "quiet", "mitigations=off", "hugepagesz=1G", "default_hugepagesz=1G", "rd.driver.blacklist=nouveau");

  @Property(tries = 40)
  void theBootPassesOnlyWithEveryDeclaredArgument(@ForAll("declared") List<String> declared, @ForAll("booted") List<String> booted) throws Exception {
    var cmdline = new ArrayList<String>(List.of("BOOT_IMAGE=/vmlinuz-6.8.0-45-generic", "root=UUID=0b1c", "ro"));
    for (String b : booted) cmdline.add(b.equals("iommu=pt") ? "intel_iommu=pt" : b);
    if (booted.contains("iommu=pt")) cmdline.add("iommu=pt");
    Path dir = Files.createTempDirectory("cmdline");
    Path file = dir.resolve("cmdline");
    Files.writeString(file, String.join(" ", cmdline) + "\n");
    var checks = BootChecks.of(List.of(dropIn("gpu", declared)), file.toString());
    assertEquals(1, checks.size());
    var pb = new ProcessBuilder("sh", "-c", String.join("; ", checks));
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    List<String> missing = declared.stream().filter(a -> !cmdline.contains(a)).toList();
    if (missing.isEmpty()) {
      assertEquals(0, exit, err);
    } else {
      assertEquals(1, exit, "missing " + missing);
      assertTrue(err.startsWith("the kernel command line has no " + missing.get(0) + " after the reboot, though /etc/default/grub.d/labc-gpu.cfg adds it"), err);
    }
    Files.delete(file);
    Files.delete(dir);
  }

  @Property(tries = 20)
  void theDropInReadsBackTheArgumentsItWasWrittenWith(@ForAll("declared") List<String> declared) {
    assertEquals(declared, GrubDropIn.args(GrubDropIn.content("gpu", declared)).orElseThrow());
  }

  @net.jqwik.api.Example
  void aRemovedDropInChecksNothing() {
    var c = dropIn("gpu", List.of("iommu=pt"));
    var deleted = new Change(c.addr(), "file", Action.DELETE, c.after(), new TreeMap<>(), new TreeSet<>(), List.of());
    assertEquals(List.of(), BootChecks.of(List.of(deleted), "/proc/cmdline"));
  }

  @Provide
  Arbitrary<List<String>> declared() {
    return Arbitraries.of(POOL).list().ofMinSize(1).ofMaxSize(5).uniqueElements();
  }

  @Provide
  Arbitrary<List<String>> booted() {
    return Arbitraries.of(POOL).list().ofMaxSize(10).uniqueElements();
  }

  private static Change dropIn(String block, List<String> args) {
    String path = GrubDropIn.path(block);
    var after = new TreeMap<String, Value>();
    after.put("path", new Value.Text(path));
    after.put("content", new Value.Text(GrubDropIn.content(block, args)));
    return new Change(ResourceAddr.parse("node.gpu-1.file[\"" + path + "\"]"), "file", Action.CREATE, new TreeMap<>(), after, new TreeSet<>(), List.of());
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * std/nvidia's nvidia_driver body over generated blocks (every flag, a branch or a full version,
 * with or without docker's NVIDIA runtime and a lab package after the block), as a lab writes
 * them: it checks clean (no cycle, no conflict), the node gets exactly the steps the deleted Java
 * class made, and the orders that matter on a host hold (initramfs before the driver, the
 * toolkit's repository before the toolkit, Fabric Manager of the driver's branch and hold).
 */
class NvidiaDriverBodyPropertyTest {
  private static final String N = "node.gpu-1.";

  @Property(tries = 60)
  void theBodyMakesTheDriversStepsInAnOrderAHostCanApply(
      @ForAll @IntRange(min = 100, max = 999) int branch, @ForAll @IntRange(min = 0, max = 2) int parts,
      @ForAll boolean server, @ForAll boolean hold, @ForAll boolean toolkit, @ForAll boolean fabric,
      @ForAll boolean persistence, @ForAll boolean nouveau, @ForAll boolean unattended,
      @ForAll boolean docker, @ForAll boolean cudaAfter) {
    String version = branch + (parts >= 1 ? ".90" : "") + (parts == 2 ? ".07" : "");
    var lab = new StringBuilder("import \"std/nvidia\"\nimport \"std/docker\"\n");
    lab.append("node gpu-1 {\n  address = 10.0.1.11\n}\n");
    if (!nouveau) lab.append("@waive(check: \"nouveau\", reason: \"generated\")\n");
    lab.append("nvidia_driver gpu {\n  on = [gpu-1]\n  version = \"").append(version).append("\"\n")
        .append("  server = ").append(server).append("\n  hold = ").append(hold)
        .append("\n  container_toolkit = ").append(toolkit).append("\n  fabric_manager = ").append(fabric)
        .append("\n  persistence = ").append(persistence).append("\n  blacklist_nouveau = ").append(nouveau)
        .append("\n  unattended_upgrades = ").append(unattended).append("\n}\n");
    if (docker) lab.append("docker {\n  on = [gpu-1]\n  nvidia_runtime = true\n}\n");
    if (cudaAfter) lab.append("package cuda-toolkit-12-4 {\n  on = [gpu-1]\n  after = [nvidia_driver.gpu]\n}\n");
    var checked = Pipeline.check(new SourceFile("t.lab", lab.toString()), new Evaluator.Options(Map.of(), List.of(), n -> null));
    assertTrue(checked.ok(), () -> checked.diagnostics() + "\n" + lab);
    ResourceGraph g = ResourceGraphBuilder.build(checked.evaluation().program());
    assertTrue(g.findCycle().isEmpty(), lab::toString);

    String driver = "package[\"nvidia-driver-" + branch + (server ? "-server" : "") + "\"]";
    String fm = "package[\"nvidia-fabricmanager-" + branch + "\"]";
    String initramfs = "command[\"update-initramfs-nouveau\"]";
    String key = "command[\"apt-key-nvidia-container-toolkit\"]", source = "command[\"apt-source-nvidia-container-toolkit\"]",
        update = "command[\"apt-update-nvidia-container-toolkit\"]", tk = "package[\"nvidia-container-toolkit\"]";
    // The steps the Java class made, by the same flags.
    var expected = new TreeSet<String>(List.of(driver));
    if (!unattended) expected.add("package[\"unattended-upgrades\"]");
    if (nouveau) expected.addAll(List.of("file[\"/etc/modprobe.d/blacklist-nouveau.conf\"]", initramfs));
    if (fabric) expected.addAll(List.of(fm, "service[\"nvidia-fabricmanager\"]"));
    if (persistence) expected.add("service[\"nvidia-persistenced\"]");
    if (toolkit) expected.addAll(List.of("package[\"curl\"]", "package[\"gnupg\"]", key, source, update, tk));
    var actual = new TreeSet<String>();
    for (ResourceAddr a : g.resources().keySet()) {
      String s = a.toString();
      if (s.startsWith(N) && List.of("package", "file", "command", "service").contains(a.type())) actual.add(s.substring(N.length()));
    }
    if (docker) actual.removeIf(s -> !expected.contains(s)); // docker's own steps are its test's
    if (cudaAfter) actual.remove("package[\"cuda-toolkit-12-4\"]");
    assertEquals(expected, actual, lab::toString);

    assertEquals(hold, get(g, driver).attributes().containsKey("hold"));
    if (nouveau) {
      assertBefore(g, "file[\"/etc/modprobe.d/blacklist-nouveau.conf\"]", initramfs);
      assertBefore(g, initramfs, driver);
      assertEquals("update-initramfs -u && touch /var/lib/labc-nouveau-blacklisted", text(get(g, initramfs), "command"));
    }
    if (!unattended) {
      assertBefore(g, "package[\"unattended-upgrades\"]", driver);
      assertEquals(new Value.Str("absent"), get(g, "package[\"unattended-upgrades\"]").attributes().get("state"));
    }
    if (fabric) {
      assertBefore(g, driver, fm);
      assertBefore(g, fm, "service[\"nvidia-fabricmanager\"]");
      assertEquals(hold, get(g, fm).attributes().containsKey("hold"));
    }
    if (persistence) assertBefore(g, driver, "service[\"nvidia-persistenced\"]");
    if (toolkit || docker) {
      for (String[] e : List.of(new String[] {"package[\"curl\"]", key}, new String[] {key, source}, new String[] {source, update}, new String[] {update, tk})) assertBefore(g, e[0], e[1]);
    }
    if (cudaAfter) for (String s : expected) assertBefore(g, s, "package[\"cuda-toolkit-12-4\"]");
  }

  private static Resource get(ResourceGraph g, String step) {
    Resource r = g.resources().get(ResourceAddr.parse(N + step));
    assertTrue(r != null, () -> step + " not in " + g.resources().keySet());
    return r;
  }

  private static String text(Resource r, String attr) {
    return r.attributes().get(attr) instanceof Value.Str s ? s.value() : null;
  }

  /** {@code first} is among {@code then}'s transitive dependencies, and not the other way. */
  private static void assertBefore(ResourceGraph g, String first, String then) {
    ResourceAddr a = get(g, first).addr(), b = get(g, then).addr();
    assertTrue(reaches(g, b, a), () -> then + " does not wait for " + first);
    assertFalse(reaches(g, a, b), () -> first + " waits for " + then);
  }

  private static boolean reaches(ResourceGraph g, ResourceAddr from, ResourceAddr to) {
    Set<ResourceAddr> seen = new HashSet<>();
    var todo = new ArrayDeque<ResourceAddr>(List.of(from));
    while (!todo.isEmpty()) {
      Resource r = g.resources().get(todo.pop());
      if (r == null) continue;
      for (ResourceAddr d : r.dependsOn()) {
        if (d.equals(to)) return true;
        if (seen.add(d)) todo.push(d);
      }
    }
    return false;
  }
}

package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labc.addr.ResourceAddr;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A plan's drains, reboots and rollout batches are in its JSON and survive a save: over generated
 * clusters (some nodes get a driver upgrade, which needs a reboot, some a slurmd change, which
 * disrupts jobs, some a harmless file), the JSON lists what the text plan shows, and the decoded
 * plan has the same batches. A version 4 plan, which recorded none, reads as not rolling.
 */
class DisruptionsCodecPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 60)
  void aSavedPlanKeepsItsDrainsRebootsAndBatches(@ForAll @IntRange(min = 1, max = 12) int nodes, @ForAll @IntRange(min = 0, max = 4) int batch,
                                                 @ForAll long seed) throws Exception {
    var rnd = new java.util.Random(seed);
    var changes = new ArrayList<Change>();
    var slurm = new TreeSet<String>();
    var kube = new TreeSet<String>();
    for (int i = 1; i <= nodes; i++) {
      String n = "gpu-" + i;
      switch (rnd.nextInt(3)) {
        case 0 -> changes.add(step(n, "package", "nvidia-driver-580"));
        case 1 -> changes.add(step(n, "service", "slurmd"));
        default -> changes.add(step(n, "file", "/etc/motd"));
      }
      if (rnd.nextBoolean()) slurm.add(n); else if (rnd.nextBoolean()) kube.add(n);
    }
    Plan plan = new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", null, 0, changes)
        .withDisruptions(Disruptions.of(changes, slurm, kube, batch));

    String json = PlanCodec.encode(plan);
    JsonNode root = JSON.readTree(json);
    var disrupted = new TreeSet<String>();
    var rebooted = new TreeSet<String>();
    for (Change c : changes) {
      Disruption.of(c).ifPresent(d -> disrupted.add(c.addr().scope().name()));
      if (Disruption.of(c).equals(java.util.Optional.of(Disruption.REBOOT))) rebooted.add(c.addr().scope().name());
    }
    assertEquals(intersect(disrupted, slurm), strings(root.at("/disruptions/drains/slurm")), json);
    assertEquals(intersect(disrupted, kube), strings(root.at("/disruptions/drains/kubernetes")), json);
    assertEquals(rebooted, strings(root.at("/disruptions/reboots")), json);
    if (batch == 0) {
      assertTrue(root.at("/disruptions/rollout").isMissingNode(), json);
    } else {
      assertEquals(batch, root.at("/disruptions/rollout/batch").asInt(), json);
      var inBatches = new TreeSet<String>();
      for (JsonNode b : root.at("/disruptions/rollout/batches")) {
        assertTrue(b.size() >= 1 && b.size() <= batch, json);
        b.forEach(x -> inBatches.add(x.asText()));
      }
      assertEquals(disrupted, inBatches, "every disrupted node is in one batch: " + json);
    }

    Plan back = PlanCodec.decode(json, "plan.json");
    assertEquals(plan.disruptions(), back.disruptions());
    assertEquals(plan.disruptions().rollout(changes), back.disruptions().rollout(back.changes()));
    assertEquals(json, PlanCodec.encode(back), "a saved plan re-encodes to the same bytes");
    String text = new PlanRenderer(false).text(back);
    assertTrue(text.endsWith(plan.summary() + "\n"), "the closing line stays last: " + text);
    assertTrue(text.contains(back.disruptions().text(changes)), "the sections are in the text plan: " + text);
    // A disrupted node in neither workload manager, with no reboot and no rollout, has no section.
    boolean sections = !intersect(disrupted, slurm).isEmpty() || !intersect(disrupted, kube).isEmpty() || !rebooted.isEmpty() || batch > 0;
    assertEquals(sections, text.contains("Drains:") || text.contains("Reboots:") || text.contains("Rollout:"), text);
  }

  @Test
  void aVersion4PlanRecordedNoBatchesAndReadsAsNotRolling() throws Exception {
    var changes = List.of(step("gpu-1", "package", "nvidia-driver-580"), step("gpu-2", "package", "nvidia-driver-580"));
    Plan plan = new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", null, 0, changes)
        .withDisruptions(Disruptions.of(changes, Set.of("gpu-1", "gpu-2"), Set.of(), 1));
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(PlanCodec.encode(plan));
    root.put("format_version", "4");
    root.remove("disruptions");
    Plan old = PlanCodec.decode(JSON.writeValueAsString(root), "old.json");
    assertEquals(Disruptions.NONE, old.disruptions());
    assertEquals(plan.changes(), old.changes());
    assertFalse(new PlanRenderer(false).text(old).contains("Rollout:"));
  }

  @Test
  void aSelectionOfThePlanDrainsOnlyTheNodesItStillDisrupts() {
    var changes = List.of(step("gpu-1", "service", "slurmd"), step("gpu-2", "service", "slurmd"));
    Plan plan = new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", null, 0, changes)
        .withDisruptions(Disruptions.of(changes, Set.of("gpu-1", "gpu-2"), Set.of(), 1));
    Plan one = plan.withChanges(List.of(changes.get(1)));
    assertEquals(List.of("gpu-2"), one.disruptions().slurmDrains());
    assertEquals(List.of(List.of("gpu-2")), one.disruptions().rollout(one.changes()).batches());
  }

  private static Change step(String node, String type, String name) {
    var after = new TreeMap<String, Value>();
    after.put(type.equals("file") ? "path" : "name", Value.of(name));
    String addr = "node." + node + "." + type + "[\"" + name + "\"]";
    return new Change(ResourceAddr.parse(addr), type, Action.CREATE, new TreeMap<>(), after, new TreeSet<>(), List.of());
  }

  private static TreeSet<String> intersect(Set<String> a, Set<String> b) {
    var out = new TreeSet<>(a);
    out.retainAll(b);
    return out;
  }

  private static TreeSet<String> strings(JsonNode array) {
    var out = new TreeSet<String>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.plan.Change;
import dev.labc.plan.HostStep;
import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A saved plan written by labc before typed steps (format "1": a service's watched files one
 * comma-joined text, tailscale's package with an unread repository) is still read, and every host
 * step in it decodes to its typed record, as the apply engine will decode it.
 */
class OldPlanFormatTest {
  @Test
  void theClosetClusterPlanOfFormat1DecodesStepByStep() throws Exception {
    // Copied from cli/src/test/resources/plans/closet-cluster/first.json as main wrote it (9003334).
    Path file = Path.of("src/test/resources/plans/format-1/closet-cluster-first.json");
    // The golden masks secret digests ("hmac-sha256:(digest)"); a saved plan holds real ones.
    String text = Files.readString(file).replace("hmac-sha256:(digest)", "hmac-sha256:0a1b2c3d4e5f6a7b:" + "0".repeat(64));
    assertTrue(text.contains("\"format_version\" : \"1\""));
    Plan plan = PlanCodec.decode(text, file.toString());
    int steps = 0;
    int watching = 0;
    for (Change c : plan.changes()) {
      if (!HostStep.isHostType(c.type())) continue;
      HostStep step = HostStep.decode(c.type(), c.addr(), c.after());
      steps++;
      for (var w : HostStep.watched(step)) {
        watching++;
        assertTrue(plan.changes().stream().anyMatch(o -> o.addr().equals(w)), c.addr() + " watches " + w + ", which the plan has");
      }
      if (step instanceof HostStep.Package p && p.name().equals("tailscale")) assertFalse(c.after().containsKey("repository"));
    }
    assertTrue(steps > 50, "steps: " + steps); // 81 host steps in that plan
    // The old text held at least two comma-joined addresses somewhere (nginx/slurm watch several files).
    assertTrue(watching > plan.changes().stream().filter(c -> c.after().containsKey("reload_on") || c.after().containsKey("trigger_on")).count(),
        "watched files: " + watching);
    assertEquals(plan.changes().size(), PlanCodec.decode(PlanCodec.encode(plan), "again.json").changes().size());
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closet cluster planned as a rolling apply (`labc plan --serial 1 -out`), as a reviewer reads
 * it in each format: the drains and batches the text shows are the ones in the JSON and the
 * Markdown, `labc show` of the saved plan shows them again, and `labc apply PLAN` refuses another
 * batch size than the one reviewed (before dialling anything: the example's 10.0.1.x hosts are never reached).
 */
class PlanDisruptionFormatsTest {
  private static final Pattern BATCH = Pattern.compile("(?m)^  batch (\\d+): (.*)$");

  @Test
  void theBatchesAndDrainsOfASavedPlanAreTheSameInTextJsonMarkdownAndShow(@TempDir Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(PlanCommandTest.ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    Path saved = dir.resolve("rolling.plan");

    var text = PlanCommandTest.run("plan", "--refresh=false", "--serial", "1", "-out", saved.toString(), lab.toString());
    assertEquals(0, text.exit(), text.err());
    assertTrue(text.out().contains("Rollout: 1 node at a time"), text.out());
    var batches = new ArrayList<List<String>>();
    var m = BATCH.matcher(text.out());
    while (m.find()) batches.add(List.of(m.group(2).split(", ")));
    assertFalse(batches.isEmpty(), text.out());
    var drains = Pattern.compile("(?m)^Drains: (.*) drained in Slurm").matcher(text.out());
    assertTrue(drains.find(), text.out());

    JsonNode json = new ObjectMapper().readTree(Files.readString(saved));
    assertEquals(1, json.at("/disruptions/rollout/batch").asInt());
    var jsonBatches = new ArrayList<List<String>>();
    json.at("/disruptions/rollout/batches").forEach(b -> jsonBatches.add(strings(b)));
    assertEquals(batches, jsonBatches);
    assertEquals(List.of(drains.group(1).split(", ")), strings(json.at("/disruptions/drains/slurm")));

    var shown = PlanCommandTest.run("show", saved.toString());
    assertEquals(0, shown.exit(), shown.err());
    assertEquals(sections(text.out()), sections(shown.out()), "labc show prints the saved plan's sections as plan did");

    var markdown = PlanCommandTest.run("show", "--format", "markdown", saved.toString());
    assertEquals(0, markdown.exit(), markdown.err());
    assertTrue(markdown.out().contains("- **Rollout:** 1 node at a time"), markdown.out());
    for (int i = 0; i < batches.size(); i++) {
      String line = "  " + (i + 1) + ". " + String.join(", ", batches.get(i).stream().map(n -> "`" + n + "`").toList()) + "\n";
      assertTrue(markdown.out().contains(line), line + " in " + markdown.out());
    }
    assertTrue(markdown.out().contains("- **Drained in Slurm**"), markdown.out());

    var other = PlanCommandTest.run("apply", "--serial", "2", saved.toString());
    assertEquals(ExitCode.USAGE, other.exit(), other.out() + other.err());
    assertTrue(other.err().contains("was planned to roll 1 node at a time, and a saved plan is applied as it was reviewed"), other.err());
    assertFalse(other.out().contains("Apply complete"), other.out());
  }

  @Test
  void aPlanWithoutSerialRecordsNoRollout(@TempDir Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(PlanCommandTest.ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    var json = PlanCommandTest.run("plan", "--refresh=false", "--format", "json", lab.toString());
    assertEquals(0, json.exit(), json.err());
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertTrue(root.at("/disruptions/rollout").isMissingNode(), json.out());
    assertFalse(strings(root.at("/disruptions/drains/slurm")).isEmpty(), "the drains are shown without a rollout too: " + json.out());
  }

  /** The drain, reboot and rollout lines of a text plan. */
  private static List<String> sections(String text) {
    return text.lines().filter(l -> l.startsWith("Drains: ") || l.startsWith("Reboots: ") || l.startsWith("Rollout: ") || l.startsWith("  batch ")).toList();
  }

  private static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }
}

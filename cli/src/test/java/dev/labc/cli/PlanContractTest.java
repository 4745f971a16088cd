package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan/apply contract as a user meets it without any host (issue 20): names given to
 * --target/--exclude are checked before anything is planned, an unknown --format or flag is a
 * usage error (exit 1, never 2), and a secret whose variable is unset stops plan, not apply.
 * The nodes sit at 10.0.1.x, never dialled: a first plan contacts no host.
 */
class PlanContractTest {
  static final String LAB = """
      node head {
        address = 10.0.1.10
      }
      node "gpu-7" {
        address = 10.0.1.17
      }
      node "gpu-8" {
        address = 10.0.1.18
      }
      file motd {
        path    = "/etc/motd"
        content = "hello\\n"
      }
      """;

  static Path lab(Path dir, String text) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, text);
    return lab;
  }

  @Test
  void aMistypedExcludeIsAnErrorWithTheNodeItMeantBeforeAnythingIsPlanned(@TempDir Path dir) throws Exception {
    Path lab = lab(dir, LAB);
    for (String command : new String[] {"plan", "apply"}) {
      CliRun r = command.equals("plan") ? CliRun.run("plan", "--exclude", "gpu-07", lab.toString())
          : CliRun.run("apply", "--auto-approve", "--exclude", "gpu-07", lab.toString());
      assertEquals(1, r.exitCode(), command + ": " + r.err());
      assertTrue(r.err().contains("--exclude gpu-07: no node or resource of that name"), r.err());
      assertTrue(r.err().contains("did you mean `gpu-7`?"), r.err());
      assertEquals("", r.out(), command + " printed nothing of a plan: " + r.out());
    }
  }

  @Test
  void aTargetedNodeOrAddressPlansOnlyThat(@TempDir Path dir) throws Exception {
    Path lab = lab(dir, LAB);
    // JSON lists every change under its own address; the text groups changes alike on several nodes.
    CliRun all = CliRun.run("plan", "--format", "json", lab.toString());
    CliRun node = CliRun.run("plan", "--format", "json", "--target", "gpu-8", lab.toString());
    CliRun addr = CliRun.run("plan", "--target", "node.head.file[\"/etc/motd\"]", lab.toString());
    CliRun excluded = CliRun.run("plan", "--format", "json", "--exclude", "gpu-8", "--exclude", "head", lab.toString());
    assertEquals(0, node.exitCode(), node.err());
    assertTrue(all.out().contains("node.gpu-8.") && all.out().contains("node.head."), all.out());
    assertTrue(node.out().contains("node.gpu-8.") && !node.out().contains("node.head.") && !node.out().contains("node.gpu-7."), node.out());
    assertTrue(addr.out().contains("node.head.file[\"/etc/motd\"]") && addr.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), addr.out());
    assertTrue(excluded.out().contains("node.gpu-7.") && !excluded.out().contains("node.gpu-8.") && !excluded.out().contains("node.head."), excluded.out());
  }

  @Test
  void aTargetThatIsNeitherNodeNorAddressSaysWhatNodesThereAre(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.run("plan", "--target", "node.nope.file[\"/etc/motd\"]", lab(dir, LAB).toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--target node.nope.file[\"/etc/motd\"]: no node or resource"), r.err());
    assertTrue(r.err().contains("nodes are gpu-7, gpu-8, head"), r.err());
  }

  /** Any one-letter slip in a node's name (a letter changed or dropped) is refused, and the hint names that node. */
  @Property(tries = 25)
  void everySlipOfANodeNameIsRefusedWithThatNodeSuggested(@ForAll("slips") String meantAndSlip) throws Exception {
    String meant = meantAndSlip.substring(0, meantAndSlip.indexOf('|'));
    String slip = meantAndSlip.substring(meantAndSlip.indexOf('|') + 1);
    Path dir = Files.createTempDirectory("labc-slip");
    Path lab = lab(dir, """
        node "rig-alpha" {
          address = 10.0.1.10
        }
        node "storage-box" {
          address = 10.0.1.11
        }
        """);
    CliRun r = CliRun.run("plan", "--exclude", slip, lab.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("did you mean `" + meant + "`?"), slip + ": " + r.err());
    assertEquals("", r.out());
  }

  /** "NAME|SLIP": a node's name, and the name with one letter replaced (or, where the letter is the same, dropped). */
  @Provide
  Arbitrary<String> slips() {
    return Arbitraries.of("rig-alpha", "storage-box").flatMap(name -> Arbitraries.integers().between(0, name.length() - 1)
        .flatMap(at -> Arbitraries.chars().range('a', 'z').map(c -> {
          String slip = name.substring(0, at) + c + name.substring(at + 1);
          return name + "|" + (slip.equals(name) ? name.substring(0, at) + name.substring(at + 1) : slip);
        })));
  }

  /** Refused before any host is dialled: these nodes sit at 10.0.1.x, which a test must never contact. */
  @Test
  void aSavedPlanIsStaleNamingTheTemplateOrTheVarThatChanged(@TempDir Path dir) throws Exception {
    Path lab = lab(dir, """
        param greeting: string
        node head {
          address = 10.0.1.10
        }
        file motd {
          path     = "/etc/motd"
          template = "templates/motd.peb"
          vars     = { greeting = greeting }
        }
        """);
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/motd.peb"), "{{ vars.greeting }} from {{ node.name }}\n");
    Path first = dir.resolve("first.plan");
    assertEquals(0, CliRun.run("plan", "--var", "greeting=hi", "-out", first.toString(), lab.toString()).exitCode());
    String saved = Files.readString(first);
    assertTrue(saved.contains("\"template templates/motd.peb\" : \"sha256:") && saved.contains("\"var greeting\" : \"hi\""), saved);
    Files.writeString(dir.resolve("templates/motd.peb"), "{{ vars.greeting }}, welcome to {{ node.name }}\n");
    CliRun template = CliRun.run("apply", first.toString());
    assertEquals(1, template.exitCode(), template.out() + template.err());
    assertTrue(template.err().contains("stale plan " + first + ": its inputs changed since the plan was made: template templates/motd.peb changed"), template.err());

    Path second = dir.resolve("second.plan");
    assertEquals(0, CliRun.run("plan", "--var", "greeting=hi", "-out", second.toString(), lab.toString()).exitCode());
    CliRun var = CliRun.run("apply", "--var", "greeting=hello", second.toString());
    assertEquals(1, var.exitCode(), var.out() + var.err());
    assertTrue(var.err().contains("param greeting changed; var greeting changed"), var.err());
    assertFalse(var.out().contains("Apply"), var.out());
  }

  /**
   * Over generated cluster programs: excluding any one node takes exactly its changes out of the
   * plan, and a saved plan whose .lab changed afterwards is refused naming it (before any host).
   */
  @Property(tries = 8)
  void excludingANodeDropsExactlyItsChangesAndAnEditedLabMakesTheSavedPlanStale(@ForAll long seed) throws Exception {
    var cluster = ClusterProgramGenerator.generate(seed, false);
    Path dir = Files.createTempDirectory("labc-contract-gen");
    Path lab = lab(dir, cluster.text());
    Path saved = dir.resolve("all.plan");
    CliRun all = CliRun.run("plan", "--format", "json", "-out", saved.toString(), lab.toString());
    assertEquals(0, all.exitCode(), cluster + "\n" + all.err());
    String node = cluster.nodes().get((int) Math.floorMod(seed, (long) cluster.nodes().size()));
    CliRun without = CliRun.run("plan", "--format", "json", "--exclude", node, lab.toString());
    assertEquals(0, without.exitCode(), without.err());
    var expected = addresses(all.out()).stream().filter(a -> !a.startsWith("node." + node + ".")).toList();
    assertEquals(expected, addresses(without.out()), "--exclude " + node);

    Files.writeString(lab, Files.readString(lab) + "\n// edited after the plan was saved\n");
    CliRun apply = CliRun.run("apply", saved.toString());
    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.err().contains("module cluster.lab changed"), apply.err());
  }

  static List<String> addresses(String json) throws Exception {
    var out = new java.util.ArrayList<String>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("changes").forEach(c -> out.add(c.get("address").asText()));
    return out;
  }

  @Test
  void anUnknownFormatIsAUsageErrorThatExitsOne(@TempDir Path dir) throws Exception {
    Path lab = lab(dir, LAB);
    CliRun plan = CliRun.run("plan", "--format", "jsn", lab.toString());
    assertEquals(1, plan.exitCode());
    assertTrue(plan.err().contains("--format jsn: not a format; the formats are text, json, markdown"), plan.err());
    assertTrue(plan.err().contains("did you mean `json`?"), plan.err());
    assertEquals("", plan.out());
    CliRun graph = CliRun.run("graph", "--format", "png", lab.toString());
    assertEquals(1, graph.exitCode(), graph.out());
    assertEquals("", graph.out());
    CliRun check = CliRun.run("check", "--format", "yaml", lab.toString());
    assertEquals(1, check.exitCode());
    CliRun flag = CliRun.run("plan", "--detailed-exitcod", lab.toString());
    assertEquals(1, flag.exitCode(), "a mistyped flag is an error, never 2 (\"changes present\"): " + flag.err());
    CliRun changes = CliRun.run("plan", "--detailed-exitcode", lab.toString());
    assertEquals(2, changes.exitCode(), changes.err());
    assertEquals(0, CliRun.run("plan", lab.toString()).exitCode());
  }

  @Test
  void aVarFileThatCannotBeReadIsNamedNotSilentlyDropped(@TempDir Path dir) throws Exception {
    Path lab = lab(dir, "param greeting: string\n" + LAB);
    CliRun r = CliRun.run("plan", "--var-file", dir.resolve("nope.lab").toString(), lab.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("--var-file " + dir.resolve("nope.lab") + ": "), r.err());
    assertFalse(r.err().contains("has no value") || r.err().contains("\tat "), r.err());
  }

  @Test
  void theHelpListsTheExitCodes() {
    CliRun r = CliRun.runColored(false, "plan", "--help");
    assertTrue(r.out().contains("Exit codes:") && r.out().contains("  2    changes present (with --detailed-exitcode only)"), r.out());
    assertTrue(HelpPages.lookup(false, "--help").contains("  1    errors, bad usage among them"), "the build-time page too");
  }

  static final String SECRET_LAB = """
      import "std/tailscale" as tailscale
      param join_key: secret string = env("LABC_CONTRACT_JOIN_KEY")
      node head {
        address = 10.0.1.10
      }
      tailscale {
        on       = nodes()
        auth_key = join_key
      }
      """;

  @Test
  void anUnsetSecretStopsPlanAndApplyNamingTheParamAndVariableAndCheckWarns(@TempDir Path dir) throws Exception {
    Path lab = lab(dir, SECRET_LAB);
    CliRun check = CliRun.run("check", lab.toString());
    assertEquals(0, check.exitCode(), check.err());
    assertTrue(check.err().contains("warning") && check.err().contains("E0311"), check.err());
    assertTrue(check.err().contains("secret param `join_key` has no value: the environment variable LABC_CONTRACT_JOIN_KEY is not set"), check.err());
    for (String[] args : new String[][] {{"plan", lab.toString()}, {"apply", "--auto-approve", lab.toString()}}) {
      CliRun r = CliRun.run(args);
      assertEquals(1, r.exitCode(), r.err());
      assertTrue(r.err().contains("error") && r.err().contains("join_key") && r.err().contains("LABC_CONTRACT_JOIN_KEY"), r.err());
      assertFalse(r.out().contains("Plan:"), "no plan is shown: " + r.out());
    }
    CliRun set = CliRun.runWithEnv(Map.of("LABC_CONTRACT_JOIN_KEY", "k-CANARY-1"), "plan", lab.toString());
    assertEquals(0, set.exitCode(), set.err());
    assertFalse((set.out() + set.err()).contains("CANARY"));
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    PrintStream o = System.out, e = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      // The examples' secret params read the environment; plan refuses to run with one unset.
      int exit = Environment.with(CliRun.EXAMPLE_SECRETS, () -> Main.run(args));
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  @Test
  void firstPlanOfEachExampleIsDeterministicAndCountsItsChanges() throws Exception {
    for (String ex : new String[] {"closet-cluster", "university-cluster"}) {
      Path copy = Files.createTempDirectory("labc-plan").resolve("cluster.lab");
      Files.copy(ROOT.resolve("examples/" + ex + "/cluster.lab"), copy);
      Run a = run("plan", "--detailed-exitcode", copy.toString());
      Run b = run("plan", "--detailed-exitcode", copy.toString());
      assertEquals(2, a.exit(), a.err());
      assertEquals(a.out(), b.out(), "two plans of one configuration are byte-identical");
      assertTrue(a.out().matches("(?s).*Plan: \\d+ to add, 0 to change, 0 to destroy\\.\n"), a.out());
      assertFalse(a.out().contains(copy.getParent().toString()), "no absolute local path in the plan");
    }
  }

  @Test
  void secretParamValueAppearsInNoPlanForm(@TempDir Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    Path vars = dir.resolve("secrets.lab");
    Files.writeString(vars, "tailscale_auth_key = \"tskey-CANARY-8c1f\"\n");
    Path saved = dir.resolve("cluster.plan");
    Run text = run("plan", "--var-file", vars.toString(), "-out", saved.toString(), lab.toString());
    Run json = run("plan", "--format", "json", "--var-file", vars.toString(), lab.toString());
    Run md = run("show", "--format", "markdown", saved.toString());
    assertEquals(0, text.exit(), text.err());
    for (String s : new String[] {text.out(), text.err(), json.out(), md.out(), Files.readString(saved)}) {
      assertFalse(s.contains("CANARY"), "the secret leaked");
    }
    assertTrue(text.out().contains("TS_AUTHKEY = (secret)"), text.out());
  }

  @Test
  void secretParamCannotBeSetOnTheCommandLine() {
    Run r = run("check", "--var", "tailscale_auth_key=tskey-CANARY", ROOT.resolve("examples/closet-cluster/cluster.lab").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("cannot be set with --var"), r.err());
    assertFalse(r.err().contains("CANARY"));
  }

  @Test
  void savedPlanRendersTheSameAsThePlanCommand(@TempDir Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    Path saved = dir.resolve("p.json");
    Run plan = run("plan", "-out", saved.toString(), lab.toString());
    Run show = run("show", saved.toString());
    assertEquals(0, show.exit(), show.err());
    // The drain, reboot and rollout sections are part of the saved plan (format "5"), so show prints them too.
    assertTrue(plan.out().startsWith(show.out()), "show renders the saved plan as plan printed it");
    assertTrue(plan.out().contains("\nDrains: gpu-1, gpu-2, gpu-3 drained in Slurm"), plan.out());
  }

  @Test
  void applyOfAMissingPlanSaysHowToMakeOne() {
    Run r = run("apply", "x.plan");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("labc plan FILE.lab -out x.plan"), r.err());
  }

  @Test
  void savedPlanIsRefusedWhenTheConfigurationChangedSince(@TempDir Path dir) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.copy(ROOT.resolve("examples/closet-cluster/cluster.lab"), lab);
    Path saved = dir.resolve("cluster.plan");
    assertEquals(0, run("plan", "-out", saved.toString(), lab.toString()).exit());
    // The plan names its .lab relative to the working directory; apply finds it the same way.
    String text = Files.readString(saved).replaceFirst("\"source\" : \"[^\"]*\"", "\"source\" : \"" + lab.toString().replace("\\", "/") + "\"");
    Files.writeString(saved, text);
    Files.writeString(lab, Files.readString(lab).replace("rating  = 30A", "rating  = 32A"));
    Run r = run("apply", saved.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("stale plan") && r.err().contains("its inputs changed since the plan was made: module cluster.lab changed"), r.err());
  }
}

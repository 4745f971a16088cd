package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Evaluator;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.plan.Need;
import dev.labc.planner.RecordedValues;
import dev.labc.runtime.resources.HostResource;
import dev.labc.shell.SecretResolver;
import dev.labc.source.SourceFile;
import dev.labc.state.Value;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated `gpu { count power_limit persistence }` blocks, expanded into the node's `gpu` step and
 * run with `sh` against the fake nvidia-smi (test resources fake-nvidia-smi/, with as many cards as
 * declared): the check fails before apply unless the declaration is the cards' defaults, holds after
 * apply, fails again when any one card is changed by hand, and delete leaves every card at its defaults.
 */
class GpuSettingsPropertyTest {
  static Path fake;

  @BeforeContainer
  static void installFake() throws Exception {
    fake = Files.createTempDirectory("fake-nvidia-smi");
    for (String f : List.of("nvidia-smi", "q.xml", "mig-lgip.txt")) {
      try (InputStream in = GpuSettingsPropertyTest.class.getResourceAsStream("/fake-nvidia-smi/" + f)) {
        Files.write(fake.resolve(f), in.readAllBytes());
      }
    }
    assertTrue(fake.resolve("nvidia-smi").toFile().setExecutable(true));
  }

  @AfterContainer
  static void removeFake() throws Exception {
    try (var files = Files.walk(fake)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<String> powerLimit() {
    // Whole and fractional watts within the H100's 200-700 W, in W and in kW.
    return Arbitraries.oneOf(Arbitraries.integers().between(200, 700).map(w -> w + "W"),
        Arbitraries.integers().between(2000, 7000).map(d -> BigDecimal.valueOf(d, 4).stripTrailingZeros().toPlainString() + "kW"),
        Arbitraries.integers().between(2001, 6999).map(d -> BigDecimal.valueOf(d, 1).toPlainString() + "W"));
  }

  @Provide
  Arbitrary<String> persistence() {
    return Arbitraries.of("", "true", "false");
  }

  @Property(tries = 12)
  void applyConvergesEveryDeclaredCardAndTheCheckSeesAnyCardChangedByHand(@ForAll @IntRange(min = 1, max = 8) int count,
      @ForAll("powerLimit") String power, @ForAll("persistence") String persistence, @ForAll @IntRange(min = 0, max = 7) int touched) throws Exception {
    String lab = "node gpu-1 {\n  address = 10.0.1.11\n  gpu {\n    model = H100_80GB\n    count = " + count + "\n    power_limit = " + power + "\n"
        + (persistence.isEmpty() ? "" : "    persistence = " + persistence + "\n") + "  }\n}\n";
    var checked = Pipeline.check(new SourceFile("t.lab", lab), new Evaluator.Options(Map.of(), List.of(), name -> null));
    assertTrue(checked.ok(), () -> checked.diagnostics().toString());
    Resource step = ResourceGraphBuilder.build(checked.evaluation().program()).resources().get(ResourceAddr.parse("node.gpu-1.gpu"));
    assertTrue(step != null, "one gpu step on the node");
    assertEquals(java.util.Set.of(Need.GPU), step.needs());
    var recorded = new TreeMap<String, Value>();
    step.attributes().forEach((k, v) -> recorded.put(k, RecordedValues.of(v, null)));
    var gpu = HostResource.of("gpu", "node.gpu-1.gpu", recorded);

    Path state = Files.createTempDirectory(fake, "state");
    BigDecimal watts = new BigDecimal(DeclaredPower.watts(power));
    boolean defaults = watts.compareTo(BigDecimal.valueOf(700)) == 0 && !persistence.equals("true");
    assertEquals(defaults, sh(gpu.check(), count, state) == 0, "the check before apply holds only for the cards' defaults");
    assertEquals(0, sh(gpu.apply(SecretResolver.NONE), count, state), "apply");
    assertEquals(0, sh(gpu.check(), count, state), "the check after apply");
    String expectedLimit = watts.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    for (int i = 0; i < count; i++) {
      assertEquals(expectedLimit + "\n", Files.readString(state.resolve("pl." + i)), "card " + i);
    }

    int card = touched % count;
    String other = watts.compareTo(BigDecimal.valueOf(250)) == 0 ? "260" : "250";
    assertEquals(0, sh("nvidia-smi -i " + card + " -pl " + other, count, state));
    assertTrue(sh(gpu.check(), count, state) != 0, "card " + card + " changed by hand is drift");

    assertEquals(0, sh(gpu.delete(), count, state), "delete");
    for (int i = 0; i < count; i++) {
      assertEquals("700.00\n", Files.readString(state.resolve("pl." + i)));
      if (!persistence.isEmpty()) assertEquals("Disabled\n", Files.readString(state.resolve("pm." + i)));
    }
  }

  static int sh(String script, int cards, Path state) throws Exception {
    var pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    var env = pb.environment();
    env.put("PATH", fake + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("FAKE_NVIDIA_SMI_DATA", fake.toString());
    env.put("FAKE_NVIDIA_SMI_STATE", state.toString());
    // The fake's per-boot state (MIG mode current, instances) beside it, never in this machine's /run.
    env.put("FAKE_NVIDIA_SMI_RUN", state.resolve("run").toString());
    env.put("FAKE_NVIDIA_SMI_CARDS", Integer.toString(cards));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sh did not finish: " + script);
    if (p.exitValue() != 0 && p.exitValue() != 1) throw new AssertionError("exit " + p.exitValue() + " of " + script + ": " + out);
    return p.exitValue();
  }

  /** "0.45kW" -> "450", "300W" -> "300": the watts the declaration means, computed apart from the expansion. */
  static final class DeclaredPower {
    static String watts(String power) {
      BigDecimal n = new BigDecimal(power.replaceAll("k?W$", ""));
      return (power.endsWith("kW") ? n.movePointRight(3) : n).stripTrailingZeros().toPlainString();
    }
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Evaluator;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.plan.Disruption;
import dev.labc.planner.RecordedValues;
import dev.labc.runtime.resources.HostResource;
import dev.labc.shell.SecretResolver;
import dev.labc.source.SourceFile;
import dev.labc.state.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated `gpu { count mig }` layouts that fit an H100 (E0408 says which), expanded into the
 * node's `mig_mode` and `mig` steps and run with `sh` against the stateful fake nvidia-smi: the
 * layout cannot be made while MIG mode is only pending; after mode on and a "reboot" (the fake's
 * per-boot directory removed) apply makes it on every card and the check holds; an instance
 * destroyed by hand on any card is drift that apply repairs; delete leaves no instance and MIG off.
 */
class MigPropertyTest {
  static final List<String> PROFILES = List.of("1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb");

  @BeforeContainer
  static void installFake() throws Exception {
    GpuSettingsPropertyTest.installFake();
  }

  @AfterContainer
  static void removeFake() throws Exception {
    GpuSettingsPropertyTest.removeFake();
  }

  /** Up to three profiles: most fit one H100, a few (7g.80gb with another, two 4g.40gb) do not. */
  @Provide
  Arbitrary<List<String>> layout() {
    return Arbitraries.of(PROFILES).list().ofMinSize(1).ofMaxSize(3);
  }

  @Property(tries = 10)
  void modeThenRebootThenLayoutOnEveryCardAndAHandDestroyedInstanceIsRepaired(@ForAll @IntRange(min = 1, max = 4) int count,
      @ForAll("layout") List<String> layout, @ForAll @IntRange(min = 0, max = 27) int touched) throws Exception {
    String lab = "node gpu-1 {\n  address = 10.0.1.11\n  gpu {\n    model = H100_80GB\n    count = " + count + "\n    mig = ["
        + String.join(", ", layout.stream().map(p -> "\"" + p + "\"").toList()) + "]\n  }\n}\n";
    var checked = Pipeline.check(new SourceFile("t.lab", lab), new Evaluator.Options(Map.of(), List.of(), name -> null));
    if (!checked.ok()) {
      // Only a layout that does not fit is refused, and then no step is planned.
      assertTrue(checked.diagnostics().stream().allMatch(d -> d.code() == dev.labc.diag.Code.MIG_LAYOUT), () -> checked.diagnostics().toString());
      return;
    }
    var resources = ResourceGraphBuilder.build(checked.evaluation().program()).resources();
    Resource modeStep = resources.get(ResourceAddr.parse("node.gpu-1.mig_mode"));
    Resource migStep = resources.get(ResourceAddr.parse("node.gpu-1.mig"));
    assertTrue(modeStep != null && migStep != null, resources.keySet().toString());
    assertTrue(migStep.dependsOn().contains(modeStep.addr()), "the layout after the mode");
    assertEquals(Optional.of(Disruption.REBOOT), Disruption.of("mig_mode", false, k -> null));
    var mode = HostResource.of("mig_mode", "node.gpu-1.mig_mode", recorded(modeStep));
    var mig = HostResource.of("mig", "node.gpu-1.mig", recorded(migStep));

    Path state = Files.createTempDirectory(GpuSettingsPropertyTest.fake, "state");
    assertEquals(1, sh(mode.check(), count, state), "MIG is off on a fresh card");
    assertEquals(1, sh(mig.check(), count, state));
    assertEquals(0, sh(mode.apply(SecretResolver.NONE), count, state));
    assertEquals(0, sh(mode.check(), count, state), "the pending mode is what the step sets");
    assertEquals(1, sh(mig.apply(SecretResolver.NONE), count, state), "no instances while MIG mode is pending");
    reboot(state);
    assertEquals(0, sh(mig.apply(SecretResolver.NONE), count, state));
    assertEquals(0, sh(mig.check(), count, state));
    var sorted = new ArrayList<>(layout);
    sorted.sort(null);
    for (int i = 0; i < count; i++) assertEquals(sorted, instances(state, i), "card " + i);

    int card = touched % count;
    int gi = 1 + (touched % layout.size());
    assertEquals(0, sh("nvidia-smi mig -i " + card + " -dci -gi " + gi + " && nvidia-smi mig -i " + card + " -dgi -gi " + gi, count, state));
    assertEquals(1, sh(mig.check(), count, state), "an instance destroyed by hand on card " + card);
    assertEquals(0, sh(mig.apply(SecretResolver.NONE), count, state));
    assertEquals(0, sh(mig.check(), count, state));
    assertEquals(sorted, instances(state, card));

    assertEquals(0, sh(mig.delete(), count, state));
    for (int i = 0; i < count; i++) assertEquals(List.of(), instances(state, i));
    assertEquals(0, sh(mode.delete(), count, state));
    reboot(state);
    assertFalse(sh(mode.check(), count, state) == 0, "MIG off after delete and a reboot");
  }

  private static TreeMap<String, Value> recorded(Resource step) {
    var out = new TreeMap<String, Value>();
    step.attributes().forEach((k, v) -> out.put(k, RecordedValues.of(v, null)));
    return out;
  }

  /** The testbed's reboot clears /run: here the fake's per-boot directory. */
  private static void reboot(Path state) throws Exception {
    try (var files = Files.walk(state.resolve("run"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The profile names of a card's GPU instances, sorted, from the fake's own table. */
  private static List<String> instances(Path state, int card) throws Exception {
    Path f = state.resolve("run").resolve("gi." + card);
    if (!Files.exists(f)) return List.of();
    return Files.readAllLines(f).stream().map(l -> l.split(" ")[1]).sorted().toList();
  }

  private static int sh(String script, int cards, Path state) throws Exception {
    return GpuSettingsPropertyTest.sh(script, cards, state);
  }
}

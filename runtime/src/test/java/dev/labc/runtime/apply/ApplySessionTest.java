package dev.labc.runtime.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Plan;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateLock;
import dev.labc.state.ResourceState;
import dev.labc.state.ResourceStatus;
import dev.labc.state.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply session's phases on a real git state: each refusal stops before anything runs, and a run records. */
class ApplySessionTest {
  @TempDir Path tmp;

  static final ResourceAddr FILE = ResourceAddr.parse("node.a.file[\"/etc/motd\"]");

  static Plan plan() {
    var after = new TreeMap<String, Value>(Map.of("path", Value.of("/etc/motd"), "content", Value.of("hi\n")));
    return new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", null, 0,
        List.of(new Change(FILE, "file", Action.CREATE, new TreeMap<>(), after, new TreeSet<>(), List.of())));
  }

  @Test
  void thePhasesAreLockFreshnessApplyRecord() {
    assertEquals(List.of("LOCK", "FRESHNESS", "APPLY", "RECORD"), ApplySession.PHASES.stream().map(Enum::name).toList());
  }

  @Test
  void aRunRecordsThroughTheRecorderItIsGiven() {
    var store = GitStateStore.local(tmp.resolve(".labstate"));
    var session = new ApplySession(store, store.read());
    Plan plan = plan();
    var outcome = session.apply(plan, recorder -> {
      recorder.starting("a", plan.changes());
      recorder.completed("a", plan.changes());
      return new ApplyReport(new TreeMap<>());
    });
    assertInstanceOf(ApplySession.Outcome.Applied.class, outcome);
    ResourceState recorded = store.read().state().get(FILE).orElseThrow();
    assertEquals(ResourceStatus.READY, recorded.status());
    assertTrue(store.currentLock().isEmpty(), "the lock is released");
  }

  @Test
  void anotherHolderOfTheLockRefusesBeforeAnythingRuns() {
    var store = GitStateStore.local(tmp.resolve(".labstate"));
    var ran = new AtomicBoolean();
    try (StateLock held = store.lock("apply elsewhere")) {
      var outcome = new ApplySession(store, store.read()).apply(plan(), recorder -> {
        ran.set(true);
        return new ApplyReport(new TreeMap<>());
      });
      var refused = assertInstanceOf(ApplySession.Outcome.Refused.class, outcome);
      assertEquals(ApplySession.Phase.LOCK, refused.phase());
      assertTrue(refused.message().contains("apply elsewhere") || refused.message().contains("lock"), refused.message());
    }
    assertFalse(ran.get());
  }

  @Test
  void stateWrittenSinceThePlanRefusesBeforeAnythingRuns() {
    var store = GitStateStore.local(tmp.resolve(".labstate"));
    var prior = store.read();
    // Another labc records meanwhile.
    new GitStateRecorder(store, prior.state()).completed("a", plan().changes());
    var ran = new AtomicBoolean();
    var outcome = new ApplySession(store, prior).apply(plan(), recorder -> {
      ran.set(true);
      return new ApplyReport(new TreeMap<>());
    });
    var refused = assertInstanceOf(ApplySession.Outcome.Refused.class, outcome);
    assertEquals(ApplySession.Phase.FRESHNESS, refused.phase());
    assertTrue(refused.message().startsWith("the state moved (serial 0 to 1"), refused.message());
    assertEquals("run `labc plan` again and review what is left to do", refused.hint());
    assertFalse(ran.get());
    assertTrue(store.currentLock().isEmpty(), "the lock is released");
  }

  static Plan withInputs(String lineage, long serial, Map<String, String> inputs, String digest) {
    return new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", digest, lineage, serial, new TreeMap<>(inputs), plan().changes());
  }

  @Test
  void aSavedPlanIsStaleWhenTheStateOrItsInputsMoved() {
    var inputs = Map.of("module cluster.lab", "sha256:a", "var gpus", "4");
    Plan saved = withInputs("L", 3, inputs, "sha256:d");
    assertEquals(java.util.Optional.empty(), ApplySession.staleness(saved, withInputs("L", 3, inputs, "sha256:d")));
    assertEquals("it was made against another state history (lineage L)",
        ApplySession.staleness(saved, withInputs("M", 3, inputs, "sha256:d")).orElseThrow());
    assertEquals("the state moved from serial 3 to 4 since the plan was made",
        ApplySession.staleness(saved, withInputs("L", 4, inputs, "sha256:d")).orElseThrow());
    assertEquals("its inputs changed since the plan was made: module cluster.lab changed; var gpus is no longer an input; var-file x was not an input of the plan",
        ApplySession.staleness(saved, withInputs("L", 3, Map.of("module cluster.lab", "sha256:b", "var-file x", "h"), "sha256:e")).orElseThrow());
    Plan recordedNothing = withInputs("L", 3, Map.of(), "sha256:d");
    assertEquals("the configuration changed since the plan was made (cluster.lab, its imports or --var values)",
        ApplySession.staleness(recordedNothing, withInputs("L", 3, inputs, "sha256:other")).orElseThrow());
  }
}

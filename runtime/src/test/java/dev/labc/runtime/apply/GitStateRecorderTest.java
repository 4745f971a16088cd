package dev.labc.runtime.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateCommit;
import dev.labc.state.ResourceStatus;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStateRecorderTest {
  @TempDir Path tmp;

  private static List<Change> batch(String host, int steps) {
    var changes = new ArrayList<Change>();
    for (int i = 0; i < steps; i++) {
      var after = new TreeMap<String, Value>();
      after.put("path", Value.of("/etc/f" + i));
      after.put("content", Value.of(host + " " + i + "\n"));
      changes.add(new Change(ResourceAddr.parse("node." + host + ".file[\"/etc/f" + i + "\"]"), "file", Action.CREATE,
          new TreeMap<>(), after, new TreeSet<>(), List.of()));
    }
    return changes;
  }

  private static final Pattern SINGLE = Pattern.compile("apply: \\S+: (starting )?\\d+ steps?");
  private static final Pattern GROUPED = Pattern.compile("apply: (\\d+) starting, (\\d+) finished, on \\d+ hosts?");

  @Test
  void hostsFinishingTogetherShareCommitsAndEveryRecordLandsOnce() throws Exception {
    int hosts = 24;
    var store = GitStateStore.local(tmp.resolve(".labstate"));
    var recorder = new GitStateRecorder(store, store.read().state());
    var go = new CountDownLatch(1);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      var runs = new ArrayList<Future<?>>();
      for (int h = 1; h <= hosts; h++) {
        String host = "h" + h;
        runs.add(threads.submit(() -> {
          go.await();
          List<Change> steps = batch(host, 3);
          recorder.starting(host, steps);
          // What a caller sees on return is committed: the steps are in the store, tainted until done.
          assertEquals(ResourceStatus.TAINTED, store.read().state().get(steps.getFirst().addr()).orElseThrow().status());
          recorder.completed(host, steps);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : runs) f.get();
    }
    State end = store.read().state();
    assertEquals(recorder.state(), end);
    assertEquals(hosts * 3, end.resources().size());
    assertTrue(end.resources().values().stream().allMatch(rs -> rs.status() == ResourceStatus.READY), "every step recorded done");

    List<StateCommit> history = store.history();
    int starting = 0, finished = 0;
    for (StateCommit c : history) {
      Matcher grouped = GROUPED.matcher(c.subject());
      if (grouped.matches()) {
        starting += Integer.parseInt(grouped.group(1));
        finished += Integer.parseInt(grouped.group(2));
      } else {
        assertTrue(SINGLE.matcher(c.subject()).matches(), c.subject());
        if (c.subject().contains(": starting ")) starting++; else finished++;
      }
    }
    assertEquals(hosts, starting, "each host's start recorded once");
    assertEquals(hosts, finished, "each host's completion recorded once");
    for (int i = 0; i + 1 < history.size(); i++) assertEquals(history.get(i + 1).serial() + 1, history.get(i).serial());
    // 80 records arrived together; one commit per record is what this replaced.
    assertTrue(history.size() < 2 * hosts, history.size() + " commits for " + 2 * hosts + " records");
  }

  @Test
  void aFailedWriteFailsTheCallersItHeldAndTheNextWriteStillWorks() throws Exception {
    Path dir = tmp.resolve(".labstate");
    var store = GitStateStore.local(dir);
    var recorder = new GitStateRecorder(store, store.read().state());
    recorder.starting("h1", batch("h1", 1));
    // A file in the work tree that is not the state's: the store refuses to write over it.
    java.nio.file.Files.writeString(dir.resolve("nodes/h1.json"), "edited by hand\n");
    var failed = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> recorder.completed("h1", batch("h1", 1)));
    assertTrue(failed.getMessage() != null && !failed.getMessage().isBlank(), String.valueOf(failed));
    assertEquals(ResourceStatus.TAINTED, recorder.state().get(batch("h1", 1).getFirst().addr()).orElseThrow().status(),
        "a record that was not committed is not in the recorder's state either");
  }
}

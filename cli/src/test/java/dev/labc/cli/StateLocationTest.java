package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.runtime.state.StateLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LABC_STATE_REPO: two operators' checkouts share state and its lock through one bare repository. */
class StateLocationTest {
  @Test
  void twoCheckoutsShareStateAndLockThroughTheConfiguredRepository(@TempDir Path dir) throws Exception {
    Path bare = dir.resolve("state.git");
    Git.init().setBare(true).setInitialBranch("lab").setDirectory(bare.toFile()).call().close();
    var env = Map.of("LABC_STATE_REPO", bare.toUri().toString(), "LABC_STATE_BRANCH", "lab");
    Path a = Files.createDirectories(dir.resolve("alice")).resolve("cluster.lab");
    Path b = Files.createDirectories(dir.resolve("bob")).resolve("cluster.lab");
    var alice = StateLocation.of(a, env);
    var bob = StateLocation.of(b, env);
    assertEquals(Map.of().size(), bob.list().size());

    var state = alice.read().state();
    var rs = dev.labc.state.ResourceState.of(dev.labc.addr.ResourceAddr.parse("node.head.hostname"), "hostname",
        new java.util.TreeMap<>(Map.of("name", dev.labc.state.Value.of("head"))));
    try (var lock = alice.lock("apply")) {
      assertThrows(StateLockedException.class, () -> bob.lock("apply"), "the lock is seen through the remote");
      alice.write(state.with(rs).nextSerial(), "apply: head");
    }
    assertEquals(1, bob.list().size(), "bob reads what alice applied");
    assertTrue(Files.isDirectory(b.getParent().resolve(".labstate/.git")), "a clone beside bob's .lab");
  }
}

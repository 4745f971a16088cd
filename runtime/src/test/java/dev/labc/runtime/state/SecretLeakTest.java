package dev.labc.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.ResourceState;
import dev.labc.state.SecretHasher;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretLeakTest {
  private static final String CANARY = "canary-secret-7f3a9c";
  private static final String VISIBLE = "visible-marker-51d2e8";

  @TempDir Path tmp;

  @Test
  void aSecretAppearsInNoFileOrGitObjectOnlyItsDigest() throws Exception {
    Path stateDir = tmp.resolve("lab/.labstate");
    SecretHasher hasher = SecretKeyFile.load(SecretKeyFile.locate(Map.of(), tmp.resolve("home")), stateDir);
    GitStateStore store = GitStateStore.local(stateDir);
    SortedMap<String, Value> attrs = new TreeMap<>();
    attrs.put("password", hasher.digest(CANARY));
    attrs.put("comment", Value.of(VISIBLE));
    ResourceAddr user = ResourceAddr.parse("node.head.user[\"alice\"]");
    State state = store.read().state().with(ResourceState.of(user, "std.os.user", attrs)).nextSerial();
    store.write(state, "apply");
    try (StateLock lock = store.lock("apply")) {
      store.write(state.without(user).nextSerial(), "apply");
    }

    String everything = readAllInflated(stateDir);
    // The scan must see plain values, or not finding the canary would prove nothing.
    assertTrue(everything.contains(VISIBLE));
    assertTrue(everything.contains(hasher.digest(CANARY).hmac()));
    assertFalse(everything.contains(CANARY));
  }

  @Test
  void theKeyIsCreatedOnceAndNeverInsideTheStateRepository() throws Exception {
    Path keyFile = SecretKeyFile.locate(Map.of(SecretKeyFile.ENV, tmp.resolve("k").toString()), tmp);
    assertEquals(tmp.resolve("k"), keyFile);
    SecretHasher first = SecretKeyFile.load(keyFile, tmp.resolve(".labstate"));
    SecretHasher second = SecretKeyFile.load(keyFile, tmp.resolve(".labstate"));
    assertEquals(first.digest("x"), second.digest("x"));
    assertEquals(32, Files.size(keyFile));
    StateStoreException e = assertThrows(StateStoreException.class,
        () -> SecretKeyFile.load(tmp.resolve(".labstate/key"), tmp.resolve(".labstate")));
    assertTrue(e.getMessage().contains("inside the state repository"), e.getMessage());
  }

  /** Every file under {@code dir}, with loose git objects inflated (packs are not written by these tests). */
  private static String readAllInflated(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        assertFalse(p.toString().endsWith(".pack"), "unexpected pack file; extend the scan");
        boolean looseObject = p.getParent().getParent().getFileName().toString().equals("objects")
            && p.getParent().getFileName().toString().length() == 2;
        byte[] bytes = Files.readAllBytes(p);
        if (looseObject) {
          try (InputStream in = new InflaterInputStream(Files.newInputStream(p))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            bytes = out.toByteArray();
          }
        }
        all.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return all.toString();
  }
}

package dev.labc.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.state.Lineage;
import dev.labc.state.ResourceState;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final Lineage LINEAGE = new Lineage("6f1c2a4e-0b7d-4c61-9a55-2d1f3e8b9c00");

  @Test
  void writesOneFilePerNodeAndClusterPlusMeta() {
    State state = State.empty(LINEAGE)
        .with(file(Scope.node("gpu-07"), "/etc/exports"))
        .with(file(Scope.node("head"), "/etc/hosts"))
        .with(ResourceState.of(Scope.cluster("rke2").resource("namespace", "gpu-operator"), "std.k8s.namespace", new TreeMap<>()));
    assertEquals(List.of("clusters/rke2.json", "nodes/gpu-07.json", "nodes/head.json", "state.json"),
        List.copyOf(StateCodec.encode(state).keySet()));
  }

  @Test
  void changingOneNodeLeavesOtherNodesFilesUntouched() {
    State before = State.empty(LINEAGE).with(file(Scope.node("a"), "/x")).with(file(Scope.node("b"), "/x"));
    State after = before.with(file(Scope.node("a"), "/y")).nextSerial();
    SortedMap<String, byte[]> b = StateCodec.encode(before);
    SortedMap<String, byte[]> a = StateCodec.encode(after);
    assertEquals(new String(b.get("nodes/b.json"), StandardCharsets.UTF_8), new String(a.get("nodes/b.json"), StandardCharsets.UTF_8));
  }

  @Test
  void refusesScopesWhoseFilesWouldCollideOnCaseInsensitiveDisks() {
    State state = State.empty(LINEAGE).with(file(Scope.node("gpu"), "/x")).with(file(Scope.node("GPU"), "/x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateCodec.encode(state));
    assertTrue(e.getMessage().contains("differ only in letter case"), e.getMessage());
  }

  @Test
  void anAttributeShapedLikeASecretMarkerStaysPlainData() {
    SortedMap<String, Value> inner = new TreeMap<>();
    inner.put("$secret", Value.of("hmac-sha256:0123456789abcdef:" + "0".repeat(64)));
    SortedMap<String, Value> attrs = new TreeMap<>();
    attrs.put("tricky", new Value.Dict(inner));
    State state = State.empty(LINEAGE).with(ResourceState.of(Scope.node("a").resource("x"), "t", attrs));
    State back = StateCodec.decode(StateCodec.encode(state));
    assertEquals(new Value.Dict(inner), back.resources().values().iterator().next().attributes().get("tricky"));
  }

  @Test
  void ignoresFilesOutsideTheLayout() {
    var files = new TreeMap<>(StateCodec.encode(State.empty(LINEAGE)));
    files.put("README.md", "notes".getBytes(StandardCharsets.UTF_8));
    files.put("nodes/notes.txt", "x".getBytes(StandardCharsets.UTF_8));
    assertEquals(State.empty(LINEAGE), StateCodec.decode(files));
  }

  static ResourceState file(Scope scope, String path) {
    SortedMap<String, Value> attrs = new TreeMap<>();
    attrs.put("path", Value.of(path));
    attrs.put("mode", Value.of("0644"));
    return ResourceState.of(scope.resource("file", path), "std.os.file", attrs);
  }

  static ResourceAddr addr(String text) {
    return ResourceAddr.parse(text);
  }
}

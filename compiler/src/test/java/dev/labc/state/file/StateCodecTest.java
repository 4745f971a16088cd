package dev.labc.state.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.state.LargeText;
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

  /** The whole-cluster /etc/hosts block every node carries: 300 lines, well over the threshold. */
  static String hostsBlock() {
    var sb = new StringBuilder();
    for (int i = 0; i < 300; i++) sb.append("10.0.").append(i / 250).append('.').append(i % 250 + 1).append("\tgpu-").append(i).append('\n');
    return sb.toString();
  }

  static ResourceState hostsOn(String node, String content) {
    SortedMap<String, Value> attrs = new TreeMap<>();
    attrs.put("path", Value.of("/etc/hosts"));
    attrs.put("content", Value.of(content));
    return ResourceState.of(Scope.node(node).resource("block", "/etc/hosts"), "block", attrs);
  }

  @Test
  void aLargeTextSharedByNodesIsWrittenOnceAndReadBackAsOneString() {
    String hosts = hostsBlock();
    // Distinct but equal instances, as a plan made from separately built values would hold.
    State state = State.empty(LINEAGE).with(hostsOn("a", new String(hosts))).with(hostsOn("b", new String(hosts)));
    SortedMap<String, byte[]> files = StateCodec.encode(state);
    String digest = LargeText.digestIfLarge(hosts).orElseThrow();
    String contentFile = "contents/" + LargeText.hex(digest) + ".txt";
    assertEquals(List.of(contentFile, "nodes/a.json", "nodes/b.json", "state.json"), List.copyOf(files.keySet()));
    assertArrayEquals(hosts.getBytes(StandardCharsets.UTF_8), files.get(contentFile), "raw UTF-8, so git diffs it as text");
    String scopeFile = new String(files.get("nodes/a.json"), StandardCharsets.UTF_8);
    assertTrue(scopeFile.contains("\"$content\": \"" + digest + "\""), scopeFile);
    assertFalse(scopeFile.contains("gpu-1"), "the text itself is only in the content file");

    State back = StateCodec.decode(files);
    assertEquals(state, back);
    assertSame(text(back, "a"), text(back, "b"), "one String for every reference to one content file");
  }

  @Test
  void textsUnderTheThresholdAndTextsWithoutAUtf8FormStayInline() {
    String justUnder = "x".repeat(LargeText.THRESHOLD - 1);
    String loneSurrogate = "\ud800" + "y".repeat(LargeText.THRESHOLD);
    State state = State.empty(LINEAGE).with(hostsOn("a", justUnder)).with(hostsOn("b", loneSurrogate));
    SortedMap<String, byte[]> files = StateCodec.encode(state);
    assertEquals(List.of("nodes/a.json", "nodes/b.json", "state.json"), List.copyOf(files.keySet()));
    assertEquals(state, StateCodec.decode(files));
  }

  @Test
  void aReusedScopeFileKeepsItsContentFileAndAnUnreferencedOneIsDropped() {
    String hosts = hostsBlock();
    State before = State.empty(LINEAGE).with(hostsOn("a", hosts)).with(hostsOn("b", hosts + "extra\n"));
    SortedMap<String, byte[]> first = StateCodec.encode(before);
    // b is gone; a is unchanged, so its file comes from the last write, not from the encoder.
    State after = before.without(Scope.node("b").resource("block", "/etc/hosts")).nextSerial();
    SortedMap<String, byte[]> second = StateCodec.encode(after,
        (scope, resources) -> scope.equals(Scope.node("a")) ? first.get("nodes/a.json") : null);
    assertSame(first.get("nodes/a.json"), second.get("nodes/a.json"));
    assertEquals(StateCodec.encode(after).keySet(), second.keySet());
    assertEquals(List.of("contents/" + LargeText.hex(LargeText.digestIfLarge(hosts).orElseThrow()) + ".txt", "nodes/a.json", "state.json"),
        List.copyOf(second.keySet()));
    assertEquals(after, StateCodec.decode(second));
  }

  @Test
  void equalShortTextsReadFromManyFilesAreOneInstance() {
    State state = State.empty(LINEAGE).with(file(Scope.node("a"), "/x")).with(file(Scope.node("b"), "/x"));
    State back = StateCodec.decode(StateCodec.encode(state));
    assertEquals(state, back);
    // 10,000 nodes' "0644"s and "root"s would otherwise be 10,000 strings each.
    assertSame(back.get(Scope.node("a").resource("file", "/x")).orElseThrow().attributes().get("mode"),
        back.get(Scope.node("b").resource("file", "/x")).orElseThrow().attributes().get("mode"));
  }

  @Test
  void contentFilesArePartOfTheLayout() {
    assertTrue(StateCodec.isStateFile("contents/" + "0".repeat(64) + ".txt"));
    assertFalse(StateCodec.isStateFile("contents/README.md"));
    assertFalse(StateCodec.isStateFile("contents/" + "0".repeat(63) + ".txt"));
  }

  private static String text(State state, String node) {
    return ((Value.Text) state.get(Scope.node(node).resource("block", "/etc/hosts")).orElseThrow().attributes().get("content")).value();
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

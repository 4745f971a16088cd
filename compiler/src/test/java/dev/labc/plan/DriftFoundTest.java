package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A drifted change's {@code found}: in the saved plan (optional key) and as recorded -> found for people. */
class DriftFoundTest {
  static Change drifted(String node, String path, Map<String, Value> recorded, Map<String, Value> found) {
    return new Change(ResourceAddr.parse("node." + node + ".file[\"" + path + "\"]"), "file", Action.UPDATE,
        new TreeMap<>(recorded), new TreeMap<>(recorded), new TreeSet<>(), List.of(), true, List.of(), new TreeMap<>(found));
  }

  static Plan plan(Change... changes) {
    return new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", "lineage-1", 3, List.of(changes));
  }

  static final Map<String, Value> MOTD = Map.of("path", new Value.Text("/etc/motd"), "content", new Value.Text("one\ntwo\nthree\n"),
      "mode", new Value.Text("0644"), "owner", new Value.Text("root"));

  @Test
  void foundIsAnOptionalKeyThatRoundTripsAndOldPlansReadWithout() throws Exception {
    Plan p = plan(drifted("gpu-1", "/etc/motd", MOTD, Map.of("content", new Value.Text("one\n2\nthree\n"), "mode", new Value.Text("0600"), "owner", new Value.Text("root"))),
        drifted("gpu-2", "/etc/motd", MOTD, Map.of()));
    String json = PlanCodec.encode(p);
    assertEquals(1, json.split("\"found\"", -1).length - 1, "only the change that read something has the key: " + json);
    assertEquals(p.changes(), PlanCodec.decode(json, "plan.json").changes());
    // A plan written before the key existed: the same change, nothing found.
    String old = PlanCodec.encode(plan(drifted("gpu-2", "/etc/motd", MOTD, Map.of())));
    assertFalse(old.contains("\"found\""), old);
    assertTrue(PlanCodec.decode(old, "plan.json").changes().getFirst().found().isEmpty());
  }

  @Test
  void recordedVersusFoundReadsAsADiffPerNode() {
    Plan p = plan(
        drifted("gpu-1", "/etc/motd", MOTD, Map.of("content", new Value.Text("one\n2\nthree\n"), "mode", new Value.Text("0644"), "owner", new Value.Text("root"))),
        drifted("gpu-2", "/etc/motd", MOTD, Map.of("content", new Value.Text("one\ntwo\nthree\n"), "mode", new Value.Text("0600"), "owner", new Value.Text("ops"))),
        drifted("gpu-3", "/etc/motd", MOTD, Map.of("present", new Value.Bool(false))));
    String text = new PlanRenderer(false).text(p);
    assertTrue(text.contains("""
                found on the host [gpu-1] (recorded -> found):
                  content:
                    @@ -1,4 +1,4 @@
                     one
                    -two
                    +2
                     three
        """), text);
    assertTrue(text.contains("""
                found on the host [gpu-2] (recorded -> found):
                  mode = "0644" -> "0600"
                  owner = "root" -> "ops"
        """), text);
    assertTrue(text.contains("found on the host [gpu-3] (recorded -> found):\n          nothing at the path (removed by hand?)\n"), text);
    String md = new PlanRenderer(false).markdown(p, "labc show plan");
    assertTrue(md.contains("\n-            two\n+            2\n"), md);
  }

  @Test
  void aSecretIsNeverShownEvenIfAFoundValueCarriedOne() {
    var key = new TreeMap<String, Value>(Map.of("path", new Value.Text("/etc/munge/munge.key"),
        "content", new SecretDigest("0123456789abcdef", "a".repeat(64)), "mode", new Value.Text("0400")));
    Plan p = plan(drifted("head", "/etc/munge/munge.key", key, Map.of("content", new Value.Text("LEAKED-KEY"), "mode", new Value.Text("0644"))),
        drifted("gpu-1", "/etc/munge/munge.key", key, Map.of("mode", new Value.Text("0644"))));
    for (String out : List.of(new PlanRenderer(false).text(p), new PlanRenderer(false).markdown(p, "labc show plan"))) {
      assertFalse(out.contains("LEAKED-KEY"), out);
      assertTrue(out.contains("content = (secret)"), out);
      assertTrue(out.contains("mode = \"0400\" -> \"0644\""), out);
    }
  }
}

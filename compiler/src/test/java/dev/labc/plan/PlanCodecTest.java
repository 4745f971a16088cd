package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.planner.RecordedValues;
import dev.labc.state.LargeText;
import dev.labc.state.SecretDigest;
import dev.labc.state.SecretHasher;
import dev.labc.state.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  /** 300 lines of /etc/hosts: over the threshold; each line is unique, so it can be counted in the JSON. */
  static final String HOSTS = hosts(300);

  static String hosts(int n) {
    var sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append("10.0.").append(i / 250).append('.').append(i % 250 + 1).append("\tgpu-").append(i).append('\n');
    return sb.toString();
  }

  static Change hostsBlock(String node, Action action, String before, String after) {
    var b = new TreeMap<String, Value>();
    var a = new TreeMap<String, Value>();
    if (before != null) b.put("content", Value.of(before));
    if (after != null) a.put("content", Value.of(after));
    return new Change(ResourceAddr.parse("node." + node + ".block[\"/etc/hosts\"]"), "block", action, b, a,
        new TreeSet<>(), List.of());
  }

  static Plan plan(Change... changes) {
    return new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", "lineage-1", 3, List.of(changes));
  }

  static int occurrences(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
    return n;
  }

  @Test
  void aLargeTextIsWrittenOnceInTheContentsTableAndReadBackAsOneString() throws Exception {
    // Distinct but equal instances on three nodes, before and after: five references, one text.
    Plan plan = plan(
        hostsBlock("a", Action.NO_OP, new String(HOSTS), new String(HOSTS)),
        hostsBlock("b", Action.NO_OP, new String(HOSTS), new String(HOSTS)),
        hostsBlock("c", Action.CREATE, null, new String(HOSTS)));
    String json = PlanCodec.encode(plan);
    String digest = LargeText.digestIfLarge(HOSTS).orElseThrow();
    assertTrue(json.startsWith("{\n  \"format_version\" : \"" + Plan.FORMAT_VERSION + "\",\n"), json.substring(0, 80));
    assertEquals(1, occurrences(json, "gpu-299"), "the text appears once");
    assertEquals(5, occurrences(json, "\"$content\" : \"" + digest + "\""), "and is referenced where it occurs");
    assertTrue(json.indexOf("\"contents\"") < json.indexOf("\"changes\""), "the table comes before its references");

    Plan back = PlanCodec.decode(json, "plan.json");
    assertEquals(plan.changes(), back.changes());
    Value.Text first = (Value.Text) back.changes().get(0).before().get("content");
    for (Change c : back.changes()) {
      assertSame(first.value(), ((Value.Text) c.after().get("content")).value(), "one String per digest");
    }
    assertEquals(json, PlanCodec.encode(back), "a saved plan re-encodes to the same bytes");
  }

  @Test
  void aPlanWithoutLargeTextsHasNoTable() throws Exception {
    String small = "x".repeat(LargeText.THRESHOLD - 1);
    String json = PlanCodec.encode(plan(hostsBlock("a", Action.UPDATE, small, small.substring(1) + "y")));
    assertTrue(json.startsWith("{\n  \"format_version\" : \"" + Plan.FORMAT_VERSION + "\",\n"), json);
    assertFalse(json.contains("\"contents\""), json);
    assertEquals(json, PlanCodec.encode(PlanCodec.decode(json, "plan.json")));
  }

  @Test
  void aSecretBearingLargeFileIsNeverPutInTheTable() throws Exception {
    // A file whose whole content is secret (as KubernetesInstall's token drop-in or MinIO's env file).
    String secretFile = "MINIO_ROOT_PASSWORD=hunter2-canary\n" + HOSTS;
    Value recorded = RecordedValues.of(new dev.labc.eval.Value.Secret("env(MINIO_PW)", secretFile), new SecretHasher(new byte[32]));
    assertInstanceOf(SecretDigest.class, recorded);
    var after = new TreeMap<String, Value>(Map.of("content", recorded, "path", Value.of("/etc/default/minio")));
    Plan plan = plan(new Change(ResourceAddr.parse("node.a.file[\"/etc/default/minio\"]"), "file", Action.CREATE,
        new TreeMap<>(), after, new TreeSet<>(), List.of()));
    String json = PlanCodec.encode(plan);
    assertFalse(json.contains("hunter2-canary"), json);
    assertFalse(json.contains("gpu-299"), json);
    assertFalse(json.contains("\"contents\""), json);
    assertTrue(json.contains("\"$secret\" : \"hmac-sha256:"), json);
    assertEquals(plan.changes(), PlanCodec.decode(json, "plan.json").changes());
  }

  @Test
  void aDamagedTableIsRefusedAsADamagedPlan() {
    String json = PlanCodec.encode(plan(hostsBlock("a", Action.CREATE, null, HOSTS)));
    String edited = json.replace("gpu-299", "gpu-300");
    var e = assertThrows(PlanCodec.PlanFileException.class, () -> PlanCodec.decode(edited, "plan.json"));
    assertTrue(e.getMessage().startsWith("plan.json is a damaged labc plan (the text under sha256:"), e.getMessage());
    String digest = LargeText.digestIfLarge(HOSTS).orElseThrow();
    String dangling = json.replace("\"$content\" : \"" + digest + "\"", "\"$content\" : \"sha256:" + "0".repeat(64) + "\"");
    e = assertThrows(PlanCodec.PlanFileException.class, () -> PlanCodec.decode(dangling, "plan.json"));
    assertTrue(e.getMessage().contains("no text for sha256:" + "0".repeat(64)), e.getMessage());
    String newer = json.replace("\"format_version\" : \"" + Plan.FORMAT_VERSION + "\"", "\"format_version\" : \"6\"");
    e = assertThrows(PlanCodec.PlanFileException.class, () -> PlanCodec.decode(newer, "plan.json"));
    assertEquals("plan.json has plan format_version 6; this labc reads versions 1 to 5", e.getMessage());
  }

  @Test
  void aVersion1PlanRecordsWatchedFilesAsOneTextAndIsReadAsAList() throws Exception {
    // As labc before typed steps wrote it: reload_on comma-joined, a package's unread repository.
    String v1 = """
        {"format_version":"1","labc_version":"old","source":"c.lab","inputs_digest":"sha256:0",
         "prior_state":{"lineage":null,"serial":0},
         "changes":[
          {"address":"node.a.service[\\"nginx\\"]","type":"service","action":"create","before":{},
           "after":{"enabled":true,"name":"nginx","reload_action":"reload","reload_digest":"5e0f",
                    "reload_on":"node.a.file[\\"/etc/x\\"],node.a.file[\\"/etc/y\\"]","state":"running"},
           "unknown_after_apply":[],"depends_on":[]},
          {"address":"node.a.package[\\"tailscale\\"]","type":"package","action":"create","before":{},
           "after":{"name":"tailscale","repository":"https://pkgs.tailscale.com/stable/ubuntu","state":"present"},
           "unknown_after_apply":[],"depends_on":[]}]}
        """;
    Plan p = PlanCodec.decode(v1, "plan.json");
    Change svc = p.changes().get(0);
    assertEquals(Value.Array.of(Value.of("node.a.file[\"/etc/x\"]"), Value.of("node.a.file[\"/etc/y\"]")), svc.after().get("reload_on"));
    var step = (HostStep.Service) HostStep.decode(svc.type(), svc.addr(), svc.after());
    assertEquals(List.of(ResourceAddr.parse("node.a.file[\"/etc/x\"]"), ResourceAddr.parse("node.a.file[\"/etc/y\"]")), step.restartOn().orElseThrow().on());
    assertTrue(step.reload());
    Change pkg = p.changes().get(1);
    assertFalse(pkg.after().containsKey("repository"), pkg.toString());
    assertEquals(new HostStep.Package("tailscale", HostStep.Presence.PRESENT, java.util.Optional.empty(), false), HostStep.decode(pkg.type(), pkg.addr(), pkg.after()));
  }
}

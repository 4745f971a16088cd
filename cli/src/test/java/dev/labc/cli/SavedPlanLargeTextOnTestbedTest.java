package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labc.state.LargeText;
import dev.labc.state.file.StateCodec;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text over the large-text threshold, declared once and written on two hosts, goes through a
 * saved plan (once, in the plan's contents table), `labc apply PLAN` and the state (once, as a
 * content file), and a changed text replaces its content file in the state.
 */
@Testbed(hosts = 2)
class SavedPlanLargeTextOnTestbedTest {
  @TempDir Path dir;

  /** 300 numbered lines, each unique, so each can be counted where it appears. */
  static String bigText(String version) {
    var sb = new StringBuilder();
    for (int i = 0; i < 300; i++) sb.append(version).append(" line ").append(i).append(" of the shared file\n");
    return sb.toString();
  }

  void writeLab(TestbedHosts hosts, String content) throws Exception {
    var sb = new StringBuilder();
    for (int i = 1; i <= 2; i++) {
      sb.append("node n").append(i).append(" {\n  address = ").append(hosts.host(i).address()).append("\n  roles = [worker]\n}\n");
    }
    sb.append("file shared {\n  path    = \"/etc/labc-shared\"\n  content = \"")
        .append(content.replace("\n", "\\n")).append("\"\n}\n");
    Files.writeString(dir.resolve("cluster.lab"), sb.toString());
  }

  String[] ssh(TestbedHosts hosts, String... args) {
    var all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString()));
    return all.toArray(String[]::new);
  }

  List<String> contentFiles() throws Exception {
    Path contents = dir.resolve(".labstate/contents");
    if (!Files.isDirectory(contents)) return List.of();
    try (Stream<Path> list = Files.list(contents)) {
      return list.map(p -> "contents/" + p.getFileName()).sorted().toList();
    }
  }

  static int occurrences(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
    return n;
  }

  @Test
  void aSharedLargeTextGoesOnceThroughTheSavedPlanApplyAndState(TestbedHosts hosts) throws Exception {
    String v1 = bigText("v1");
    writeLab(hosts, v1);
    String lab = dir.resolve("cluster.lab").toString();
    Path saved = dir.resolve("first.plan");
    CliRun plan = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "-out", saved.toString(), lab));
    assertEquals(2, plan.exitCode(), plan.out() + plan.err());
    String json = Files.readString(saved);
    String digest = LargeText.digestIfLarge(v1).orElseThrow();
    assertEquals(1, occurrences(json, "v1 line 299 of"), "the text is in the saved plan once");
    assertEquals(v1, new ObjectMapper().readTree(json).at("/contents").get(digest).asText());
    assertEquals(dev.labc.plan.Plan.FORMAT_VERSION, new ObjectMapper().readTree(json).at("/format_version").asText());

    CliRun apply = CliRun.run(ssh(hosts, "apply", saved.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    for (int i = 1; i <= 2; i++) assertEquals(v1, hosts.ssh(i, "cat /etc/labc-shared").stdout());
    assertEquals(List.of(StateCodec.contentFile(digest)), contentFiles(), "stored once for both nodes");
    assertEquals(v1, Files.readString(dir.resolve(".labstate").resolve(StateCodec.contentFile(digest))));
    assertFalse(Files.readString(dir.resolve(".labstate/nodes/n1.json")).contains("v1 line"));
    CliRun again = CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", lab));
    assertEquals(0, again.exitCode(), "the state read back holds the same text: " + again.out() + again.err());

    String v2 = bigText("v2");
    writeLab(hosts, v2);
    Path second = dir.resolve("second.plan");
    assertEquals(2, CliRun.run(ssh(hosts, "plan", "--detailed-exitcode", "-out", second.toString(), lab)).exitCode());
    CliRun change = CliRun.run(ssh(hosts, "apply", second.toString()));
    assertEquals(0, change.exitCode(), change.out() + change.err());
    for (int i = 1; i <= 2; i++) assertEquals(v2, hosts.ssh(i, "cat /etc/labc-shared").stdout());
    assertEquals(List.of(StateCodec.contentFile(LargeText.digestIfLarge(v2).orElseThrow())), contentFiles(),
        "the old text left the state with its last reference");
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.plan.PlanRenderer;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/ci/labc-ci.sh, the script the GitHub Actions workflow examples/ci/labc.yml calls, end to
 * end: labc as a real process, testbed hosts over SSH, and a bare git repository as the state
 * repository (LABC_STATE_REPO), as the workflow's runner would have them. Actions itself cannot run
 * here, and GitHub cannot be reached: the comment step talks to a `gh` that keeps the comments in a
 * directory, which is what shows that a second push updates the one comment instead of adding one.
 */
@Testbed(hosts = 2)
class CiWorkflowOnTestbedTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();
  static final Path SCRIPT = ROOT.resolve("examples/ci/labc-ci.sh");

  @TempDir Path dir;

  record Ran(int exit, String out) {}

  private Ran script(TestbedHosts hosts, Path checkout, Map<String, String> extra, String... args) throws Exception {
    var cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).directory(checkout.toFile()).redirectErrorStream(true);
    var env = pb.environment();
    env.put("LABC", labcCommand().toString());
    env.put("LABC_STATE_REPO", dir.resolve("state.git").toUri().toString());
    env.put("LABC_SSH_FLAGS", "--known-hosts " + hosts.knownHosts() + " -i " + hosts.clientKey());
    env.put("PATH", dir.resolve("bin") + ":" + env.get("PATH"));
    env.putAll(extra);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "labc-ci.sh finished");
    return new Ran(p.exitValue(), out);
  }

  /** labc as the runner has it: a command on the PATH, here the JVM and classes this test runs on. */
  private Path labcCommand() throws IOException {
    Path labc = dir.resolve("bin/labc");
    if (Files.exists(labc)) return labc;
    Files.createDirectories(labc.getParent());
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.writeString(labc, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.labc.cli.Main \"$@\"\n");
    labc.toFile().setExecutable(true);
    return labc;
  }

  /**
   * GitHub's comments API as `gh api` reaches it, kept in $GH_STORE: one file per comment, named by
   * id. Lists (GET .../comments with --jq) print the ids of comments whose first line matches the
   * filter's string; POST adds one, PATCH rewrites one. Only what labc-ci.sh uses.
   */
  private void fakeGh() throws IOException {
    Path gh = dir.resolve("bin/gh");
    Files.createDirectories(gh.getParent());
    Files.writeString(gh, """
        #!/usr/bin/env bash
        set -euo pipefail
        store=$GH_STORE; mkdir -p "$store"; echo "gh $*" >> "$store/calls"
        [ "$1" = api ] || exit 2; shift
        method=GET; path=; body=; jq=
        while [ $# -gt 0 ]; do
          case $1 in
            --method) method=$2; shift 2 ;;
            --paginate) shift ;;
            --jq) jq=$2; shift 2 ;;
            -F) body=${2#body=@}; shift 2 ;;
            *) path=$1; shift ;;
          esac
        done
        case $method in
          GET)  want=$(printf '%s' "$jq" | sed -n 's/.*startswith("\\(.*\\)")).*/\\1/p' | sed 's/\\\\"/"/g')
                for f in "$store"/comment-*; do
                  [ -e "$f" ] || continue
                  case $(cat "$f") in "$want"*) echo "${f##*/comment-}" ;; esac
                done ;;
          POST) n=$(ls "$store" | grep -c '^comment-' || true); cp "$body" "$store/comment-$((n + 1))" ;;
          PATCH) cp "$body" "$store/comment-${path##*/}" ;;
        esac
        """);
    gh.toFile().setExecutable(true);
  }

  private void git(Path cwd, String... args) throws Exception {
    var cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
  }

  private static String lab(TestbedHosts hosts, String... users) {
    var sb = new StringBuilder();
    for (int i = 1; i <= 2; i++) sb.append("node gpu-").append(i).append(" {\n  address = ").append(hosts.host(i).address()).append("\n}\n\n");
    sb.append("file ci-conf {\n  path    = \"/etc/labc-ci.conf\"\n  content = \"managed by labc\\n\"\n}\n");
    for (int u = 0; u < users.length; u++) sb.append("\nuser ").append(users[u]).append(" {\n  uid = ").append(2101 + u).append("\n}\n");
    return sb.toString();
  }

  @Test
  void aPullRequestPlansAndCommentsOnceAndTheMergeAppliesExactlyThatPlan(TestbedHosts hosts) throws Exception {
    git(dir, "init", "-q", "--bare", "-b", "main", "state.git");
    fakeGh();
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Files.writeString(checkout.resolve("cluster.lab"), lab(hosts, "alice"));
    var gh = Map.of("GH_STORE", dir.resolve("github").toString(), "PR_NUMBER", "7", "GITHUB_REPOSITORY", "lab/cluster");

    // The pull request: check, plan against the (empty) state repository, one comment.
    Ran plan = script(hosts, checkout, Map.of(), "plan", "cluster.lab");
    assertEquals(0, plan.exit(), plan.out());
    String comment = Files.readString(checkout.resolve("labc-ci/comment.md"));
    String summary = Files.readString(checkout.resolve("labc-ci/plan.txt")).lines().filter(l -> l.startsWith("Plan: ")).findFirst().orElseThrow();
    assertTrue(comment.startsWith("### labc plan: `cluster.lab`\n\n**" + summary + "**"), comment);
    assertTrue(comment.contains("<summary>2 nodes: gpu-1, gpu-2: +") && comment.contains("node.{node}.user[\"alice\"] (user)"), comment);
    assertTrue(comment.length() <= PlanRenderer.COMMENT_LIMIT);
    Ran posted = script(hosts, checkout, gh, "comment");
    assertEquals(0, posted.exit(), posted.out());
    assertEquals(comment, Files.readString(dir.resolve("github/comment-1")));

    // A second push to the pull request (bob added): planned again, the same comment updated.
    Files.writeString(checkout.resolve("cluster.lab"), lab(hosts, "alice", "bob"));
    assertEquals(0, script(hosts, checkout, Map.of(), "plan", "cluster.lab").exit());
    Ran updated = script(hosts, checkout, gh, "comment");
    assertEquals(0, updated.exit(), updated.out());
    assertTrue(updated.out().contains("updated comment 1"), updated.out());
    try (var comments = Files.list(dir.resolve("github"))) {
      assertEquals(1, comments.filter(p -> p.getFileName().toString().startsWith("comment-")).count(), "one comment, updated");
    }
    assertTrue(Files.readString(dir.resolve("github/comment-1")).contains("node.{node}.user[\"bob\"]"));

    // The merge: exactly the saved plan is applied, and the state is pushed to the state repository.
    Ran apply = script(hosts, checkout, Map.of(), "apply");
    assertEquals(0, apply.exit(), apply.out());
    for (int i = 1; i <= 2; i++) {
      assertTrue(hosts.ssh(i, "id bob && id alice && grep -q 'managed by labc' /etc/labc-ci.conf").ok(), "applied on host " + i);
    }
    Path verify = dir.resolve("verify");
    git(dir, "clone", "-q", dir.resolve("state.git").toString(), verify.toString());
    try (var files = Files.walk(verify)) {
      assertTrue(files.anyMatch(p -> p.toString().contains("gpu-2")), "state of gpu-2 pushed to the state repository");
    }

    // The saved plan is spent: applying it again is refused (state moved), and a new plan is empty.
    Ran again = script(hosts, checkout, Map.of(), "apply");
    assertTrue(again.exit() != 0, again.out());
    assertEquals(0, script(hosts, checkout, Map.of(), "plan", "cluster.lab").exit());
    assertTrue(Files.readString(checkout.resolve("labc-ci/comment.md")).contains("No changes."));
  }
}

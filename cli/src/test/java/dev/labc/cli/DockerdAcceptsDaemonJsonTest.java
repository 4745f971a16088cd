package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Values;
import dev.labc.graph.ResourceGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 point 5: dockerd itself reads the daemon.json std/docker writes. Debian 12's dockerd
 * (20.10) has no `--validate`, but it reads and checks its configuration before anything else, and
 * without containerd on PATH it stops right after: "failed to start containerd" means the file was
 * accepted, "unable to configure the Docker daemon with file" that it was not. dockerd comes out
 * of Debian's docker.io package (fetched once by scripts/debian-packages, checked against the
 * archive's index) and runs in a network and mount namespace of its own, so nothing of the
 * machine's is touched.
 */
class DockerdAcceptsDaemonJsonTest {
  static Path dockerd;

  @BeforeAll
  static void fetchDockerd(@TempDir Path dir) throws Exception {
    Path cache = ExampleGraphTest.ROOT.resolve(".cache/debian-docker");
    var fetch = new ProcessBuilder("bash", ExampleGraphTest.ROOT.resolve("scripts/debian-packages").toString(), "--no-deps", "docker.io")
        .redirectErrorStream(true);
    fetch.environment().put("LABC_DEBIAN_CACHE", cache.toString());
    Process p = fetch.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, "scripts/debian-packages --no-deps docker.io: " + out);
    Path deb;
    try (Stream<Path> debs = Files.list(cache)) {
      deb = debs.filter(f -> f.getFileName().toString().startsWith("docker.io_")).findFirst().orElseThrow();
    }
    run(List.of("dpkg-deb", "-x", deb.toString(), dir.toString()), 120);
    dockerd = dir.resolve("usr/sbin/dockerd");
    assertTrue(Files.isExecutable(dockerd), dockerd + " from " + deb);
  }

  static String run(List<String> command, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(done, String.join(" ", command) + " did not finish: " + out);
    return out;
  }

  /** What dockerd says of {@code json} as its --config-file, started where it can go no further than its configuration. */
  static String dockerdOn(String json, Path dir) throws Exception {
    Files.writeString(dir.resolve("daemon.json"), json);
    return run(List.of("unshare", "--net", "--mount", "--fork", "env", "PATH=" + dir.resolve("no-containerd"),
        dockerd.toString(), "--config-file", dir.resolve("daemon.json").toString(), "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(), "-H", "unix://" + dir.resolve("docker.sock")), 60);
  }

  static String daemonJson(String docker) {
    ResourceGraph g = StdlibKindsTest.graph("import \"std/docker\"\n" + docker);
    return Values.text(g.resources().get(ResourceAddr.parse("node.gpu-1.file[\"/etc/docker/daemon.json\"]")).attributes().get("content"));
  }

  @Test
  void dockerdAcceptsWhatEachDockerSettingWrites(@TempDir Path dir) throws Exception {
    for (String docker : List.of("""
        docker {
          on = [gpu-1]
        }
        """, """
        docker {
          on                  = [gpu-1]
          package             = "docker-ce"
          address_pools       = [{ base = 172.240.0.0/16, size = 24 }, { base = 172.241.0.0/16, size = 26 }]
          bip                 = 172.239.0.1/24
          storage_driver      = "vfs"
          nvidia_runtime      = true
          buildkit            = true
          registry_mirrors    = ["https://mirror.gcr.io"]
          insecure_registries = ["registry.lab:5000"]
          settings            = { "log-driver" = "json-file", "log-opts" = { "max-size" = "100m" }, "max-concurrent-downloads" = 6, "live-restore" = true }
          proxy               = { http = "http://10.0.1.68:8889", no_proxy = ["localhost", "nvcr.io"] }
        }
        """)) {
      String json = daemonJson(docker);
      Path each = Files.createTempDirectory(dir, "d");
      String out = dockerdOn(json, each);
      assertFalse(out.contains("unable to configure the Docker daemon"), json + "\n" + out);
      assertTrue(out.contains("failed to start containerd"), "dockerd got past its configuration:\n" + json + "\n" + out);
    }
  }

  /** The test's premise: a file dockerd does not take is told apart, here one a lab can write through `settings`. */
  @Test
  void aSettingDockerdDoesNotKnowIsRefusedByDockerd(@TempDir Path dir) throws Exception {
    String json = daemonJson("""
        docker {
          on       = [gpu-1]
          settings = { "max-size" = "100m" }
        }
        """);
    String out = dockerdOn(json, dir);
    assertTrue(out.contains("unable to configure the Docker daemon") && out.contains("max-size"), out);
    assertEquals(-1, out.indexOf("failed to start containerd"), out);
  }
}

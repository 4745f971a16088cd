package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * labc's own threads and open files come back to where they were after applies to many hosts in
 * one JVM: no SSH connection, channel, git handle or thread outlives its run.
 */
@Testbed(hosts = 20)
class ResourceLimitsTest {
  @TempDir Path dir;

  static long openFiles() throws Exception {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  static int liveThreads() {
    return Thread.getAllStackTraces().size();
  }

  @Test
  void repeatedAppliesToTwentyHostsLeakNoThreadsOrFiles(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    String lab = ApplyOnTestbedTest.lab().toString();
    ApplyOnTestbedTest.writeLab(hosts, 20, "file round {\n  path = \"/etc/labc-round\"\n  content = \"warm-up\\n\"\n}\n");
    assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab)).exitCode());
    System.gc();
    Thread.sleep(500);
    long files = openFiles();
    int threads = liveThreads();
    for (int round = 1; round <= 3; round++) {
      ApplyOnTestbedTest.writeLab(hosts, 20, "file round {\n  path = \"/etc/labc-round\"\n  content = \"round " + round + "\\n\"\n}\n");
      CliRun r = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab));
      assertEquals(0, r.exitCode(), r.out() + r.err());
      assertTrue(r.out().contains("Apply complete: 20 done"), r.out());
    }
    // Closed sockets and finished threads may take a moment to be reaped.
    long filesAfter = 0;
    int threadsAfter = 0;
    for (int i = 0; i < 20; i++) {
      System.gc();
      Thread.sleep(250);
      filesAfter = openFiles();
      threadsAfter = liveThreads();
      if (filesAfter <= files + 5 && threadsAfter <= threads + 5) break;
    }
    // A leak of one connection per host per apply would show as 60 files; of a thread per host, 60 threads.
    assertTrue(filesAfter <= files + 5, "open files " + files + " -> " + filesAfter + " after 3 applies to 20 hosts");
    assertTrue(threadsAfter <= threads + 5, "threads " + threads + " -> " + threadsAfter + " after 3 applies to 20 hosts");
    System.out.println("ResourceLimitsTest: open files " + files + " -> " + filesAfter + ", threads " + threads + " -> " + threadsAfter
        + " after 3 applies to 20 hosts");
  }
}

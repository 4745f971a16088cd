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
 * one JVM: no SSH connection, channel, git handle or thread outlives its run. CI runs 20 hosts;
 * {@code -Dlabc.limits.hosts=200} runs the same by hand at 200 (docs/reliability.md has the figures).
 */
@Testbed(hosts = 20, hostsProperty = "labc.limits.hosts")
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

  /** Heap in use after a collection, in MiB. */
  static long usedHeapMiB() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  @Test
  void repeatedAppliesToManyHostsLeakNoThreadsOrFiles(TestbedHosts hosts) throws Exception {
    ApplyOnTestbedTest.dir = dir;
    String lab = ApplyOnTestbedTest.lab().toString();
    int n = hosts.size();
    ApplyOnTestbedTest.writeLab(hosts, n, "file round {\n  path = \"/etc/labc-round\"\n  content = \"warm-up\\n\"\n}\n");
    CliRun warmUp = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab));
    assertEquals(0, warmUp.exitCode(), warmUp.out() + warmUp.err());
    System.gc();
    Thread.sleep(500);
    long files = openFiles();
    int threads = liveThreads();
    long heap = usedHeapMiB();
    long started = System.nanoTime();
    for (int round = 1; round <= 3; round++) {
      ApplyOnTestbedTest.writeLab(hosts, n, "file round {\n  path = \"/etc/labc-round\"\n  content = \"round " + round + "\\n\"\n}\n");
      CliRun r = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab));
      assertEquals(0, r.exitCode(), r.out() + r.err());
      assertTrue(r.out().contains("Apply complete: " + n + " done"), r.out());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
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
    long heapAfter = usedHeapMiB();
    // A leak of one connection per host per apply would show as 3n files; of a thread per host, 3n threads.
    assertTrue(filesAfter <= files + 5, "open files " + files + " -> " + filesAfter + " after 3 applies to " + n + " hosts");
    assertTrue(threadsAfter <= threads + 5, "threads " + threads + " -> " + threadsAfter + " after 3 applies to " + n + " hosts");
    System.out.printf("ResourceLimitsTest: open files %d -> %d, threads %d -> %d, heap used after GC %d -> %d MiB, after 3 applies to %d hosts"
        + " (%.1f s for the 3)%n", files, filesAfter, threads, threadsAfter, heap, heapAfter, n, seconds);
  }
}

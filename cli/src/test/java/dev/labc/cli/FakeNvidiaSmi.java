package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.TestbedHosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Puts the fake nvidia-smi of test resources fake-nvidia-smi/ (with the real H100 outputs it answers
 * with) on a testbed host, with {@code cards} cards at their defaults. Each host's root is its own
 * overlay, so nothing reaches the machine or the other hosts.
 */
final class FakeNvidiaSmi {
  private FakeNvidiaSmi() {}

  static void install(TestbedHosts hosts, int host, int cards) {
    var script = new StringBuilder("set -e; rm -rf /var/lib/fake-nvidia-smi /run/fake-nvidia-smi; mkdir -p /usr/local/share/fake-nvidia-smi /usr/local/bin /var/lib/fake-nvidia-smi\n");
    script.append("echo ").append(cards).append(" > /var/lib/fake-nvidia-smi/cards\n");
    for (String[] f : List.of(new String[] {"nvidia-smi", "/usr/local/bin/nvidia-smi"},
        new String[] {"q.xml", "/usr/local/share/fake-nvidia-smi/q.xml"}, new String[] {"mig-lgip.txt", "/usr/local/share/fake-nvidia-smi/mig-lgip.txt"})) {
      try (InputStream in = FakeNvidiaSmi.class.getResourceAsStream("/fake-nvidia-smi/" + f[0])) {
        script.append("echo ").append(Base64.getEncoder().encodeToString(in.readAllBytes())).append(" | base64 -d > ").append(f[1]).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    script.append("chmod 0755 /usr/local/bin/nvidia-smi\n");
    var r = hosts.ssh(host, script.toString());
    assertTrue(r.ok(), r.toString());
  }
}

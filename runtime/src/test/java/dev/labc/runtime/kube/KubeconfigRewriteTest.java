package dev.labc.runtime.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The distribution's kubeconfig names the API server as seen from the server itself; labc dials the node's address. */
class KubeconfigRewriteTest {
  @Test
  void loopbackServerBecomesTheNodeAddressKeepingThePort() {
    String k3s = "clusters:\n- cluster:\n    certificate-authority-data: AAAA\n    server: https://127.0.0.1:6443\n  name: default\n";
    assertEquals(k3s.replace("127.0.0.1", "10.0.1.11"), KubeClusters.withServer(k3s, "10.0.1.11"));
    assertEquals("    server: https://[fd00::11]:9345\n", KubeClusters.withServer("    server: https://localhost:9345\n", "fd00::11"));
  }

  @Test
  void aServerThatIsNotLoopbackIsLeftAlone() {
    String given = "    server: https://k8s.lab.example:6443\n";
    assertEquals(given, KubeClusters.withServer(given, "10.0.1.11"));
  }
}

package dev.labc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NeedTest {
  static Set<Need> needs(String type, boolean deleting, Map<String, String> attrs) {
    return Need.of(type, deleting, attrs::get);
  }

  @Test
  void rulesFollowTypeAndAttributes() {
    assertEquals(Set.of(Need.NETWORK), needs("package", false, Map.of("name", "nfs-common", "state", "present")));
    assertEquals(Set.of(), needs("package", false, Map.of("name", "unattended-upgrades", "state", "absent")));
    assertEquals(Set.of(), needs("package", true, Map.of("name", "nfs-common", "state", "present")));
    assertEquals(Set.of(Need.NETWORK, Need.GPU), needs("package", false, Map.of("name", "nvidia-driver-550-server", "state", "present")));
    assertEquals(Set.of(Need.GPU), needs("service", false, Map.of("name", "nvidia-persistenced")));
    assertEquals(Set.of(Need.KERNEL), needs("service", false, Map.of("name", "nfs-server")));
    assertEquals(Set.of(), needs("service", false, Map.of("name", "docker")));
    assertEquals(Set.of(Need.KERNEL), needs("mount", true, Map.of("path", "/home")));
    assertEquals(Set.of(Need.KERNEL), needs("sysctl", false, Map.of("key", "net.ipv4.ip_forward")));
    assertEquals(Set.of(Need.NETWORK), needs("command", false, Map.of("command", "curl -sfL https://get.k3s.io | sh -s - server")));
    assertEquals(Set.of(Need.NETWORK), needs("command", false, Map.of("command", "tailscale up --auth-key=$TS_AUTHKEY")));
    assertEquals(Set.of(Need.KERNEL), needs("command", false, Map.of("command", "update-initramfs -u && touch /x")));
    assertEquals(Set.of(), needs("command", false, Map.of("command", "usermod -aG docker alice")));
    assertEquals(Set.of(), needs("command", false, Map.of("command", "cp /tmp/curl-7.deb /srv/mounted")), "words, not substrings");
    assertEquals(Set.of(Need.NETWORK), needs("chart", false, Map.of("manifest", "spec:\n  repo: https://charts.rancher.io\n")));
    assertEquals(Set.of(), needs("chart", false, Map.of("manifest", "spec:\n  chartContent: H4sI\n")));
    assertEquals(Set.of(), needs("file", false, Map.of("path", "/etc/docker/daemon.json")));
  }

  static Change change(String addr, String type, Action action, Map<String, String> attrs, String... deps) {
    var values = new TreeMap<String, Value>();
    attrs.forEach((k, v) -> values.put(k, Value.of(v)));
    boolean delete = action == Action.DELETE;
    return new Change(ResourceAddr.parse(addr), type, action, delete ? values : new TreeMap<>(), delete ? new TreeMap<>() : values,
        new TreeSet<>(), List.of(deps).stream().map(ResourceAddr::parse).toList());
  }

  @Test
  void withheldStepsAreThoseNeedingASkippedNeedAndWhatWaitsForThemTransitively() {
    var plan = new Plan(Plan.FORMAT_VERSION, "t", "c.lab", "sha256:0", null, 0, List.of(
        change("node.a.package[\"nfs-kernel-server\"]", "package", Action.CREATE, Map.of("name", "nfs-kernel-server", "state", "present")),
        change("node.a.file[\"/etc/exports.d/x\"]", "file", Action.CREATE, Map.of("path", "/etc/exports.d/x")),
        change("node.a.service[\"nfs-server\"]", "service", Action.CREATE, Map.of("name", "nfs-server"),
            "node.a.package[\"nfs-kernel-server\"]", "node.a.file[\"/etc/exports.d/x\"]"),
        change("node.b.file[\"/etc/after-server\"]", "file", Action.CREATE, Map.of("path", "/etc/after-server"), "node.a.service[\"nfs-server\"]"),
        change("node.b.file[\"/etc/unrelated\"]", "file", Action.NO_OP, Map.of("path", "/etc/unrelated")),
        // Deletes come dependents first: the mount's removal is withheld, so what it depended on waits too.
        change("node.c.mount[\"/home\"]", "mount", Action.DELETE, Map.of("path", "/home"), "node.c.directory[\"/home\"]"),
        change("node.c.directory[\"/home\"]", "directory", Action.DELETE, Map.of("path", "/home")),
        change("node.c.user[\"bob\"]", "user", Action.DELETE, Map.of("name", "bob"))));

    var network = plan.withheld(Set.of(Need.NETWORK));
    assertEquals(List.of("node.a.package[\"nfs-kernel-server\"]", "node.a.service[\"nfs-server\"]", "node.b.file[\"/etc/after-server\"]"),
        network.keySet().stream().map(Object::toString).toList());
    assertEquals("needs network (--skip-needs)", network.get(ResourceAddr.parse("node.a.package[\"nfs-kernel-server\"]")));
    assertEquals("depends on node.a.service[\"nfs-server\"], which is left for later", network.get(ResourceAddr.parse("node.b.file[\"/etc/after-server\"]")));

    var kernel = plan.withheld(Set.of(Need.KERNEL));
    assertEquals(List.of("node.a.service[\"nfs-server\"]", "node.b.file[\"/etc/after-server\"]", "node.c.mount[\"/home\"]", "node.c.directory[\"/home\"]"),
        kernel.keySet().stream().map(Object::toString).toList());
    assertEquals(Map.of(), plan.withheld(Set.of()));
  }
}

package dev.labc.cli;

import static dev.labc.cli.StdlibKindsTest.codes;
import static dev.labc.cli.StdlibKindsTest.content;
import static dev.labc.cli.StdlibKindsTest.get;
import static dev.labc.cli.StdlibKindsTest.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labc.addr.ResourceAddr;
import dev.labc.diag.Code;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-level stdlib kinds of issue #8: std/os, std/tailscale's policy file, std/skypilot's
 * API server and pools, std/transformerlab, std/minio and std/juicefs. Rendered files are read
 * back by the parser that will read them (Jackson, sshd -t, nginx -t) and secrets are looked
 * for in every plan form.
 */
class HostStdlibKindsTest {
  private static boolean has(ResourceGraph g, String addr) {
    return g.resources().containsKey(ResourceAddr.parse(addr));
  }

  private static String attr(ResourceGraph g, String addr, String name) {
    return Values.text(get(g, addr).attributes().get(name));
  }

  @Test
  void osWritesAnSshdDropInThatSshdAcceptsAndReloadsSshWhenItChanges(@TempDir Path dir) throws Exception {
    var g = graph("""
        import "std/os"
        node bastion {
          address  = 10.0.1.65
          ssh_port = 22332
        }
        os {
          on                         = [bastion]
          ssh_port                   = 22332
          ssh_tcp_keepalive          = true
          ssh_client_alive_interval  = 30
          ssh_client_alive_count_max = 3
        }
        """);
    String dropIn = content(g, "node.bastion.file[\"/etc/ssh/sshd_config.d/00-labc.conf\"]");
    assertEquals("# managed by labc: os os\nPort 22332\nTCPKeepAlive yes\nClientAliveInterval 30\nClientAliveCountMax 3\n", dropIn);
    assertFalse(has(g, "node.core.file[\"/etc/ssh/sshd_config.d/00-labc.conf\"]"), "core is not in `on`");
    Resource ssh = get(g, "node.bastion.service[\"ssh\"]");
    assertEquals("reload", Values.text(ssh.attributes().get("reload_action")));
    assertTrue(ssh.dependsOn().contains(ResourceAddr.parse("node.bastion.file[\"/etc/ssh/sshd_config.d/00-labc.conf\"]")));
    var before = graph("import \"std/os\"\nos {\n on = [supp]\n ssh_client_alive_interval = 30\n}\n");
    var after = graph("import \"std/os\"\nos {\n on = [supp]\n ssh_client_alive_interval = 60\n}\n");
    assertFalse(get(before, "node.supp.service[\"ssh\"]").attributes().get("reload_digest").equals(get(after, "node.supp.service[\"ssh\"]").attributes().get("reload_digest")),
        "a changed drop-in changes the service, so the plan reloads sshd");
    assertEquals(List.of(Code.OUT_OF_RANGE), codes("import \"std/os\"\nos {\n ssh_port = 70000\n}\n"));
    assertEquals(List.of(Code.HOST_SETTINGS), codes("import \"std/os\"\nos a {\n on = [supp]\n}\nos b {\n wait_online = false\n}\n"));

    // sshd itself reads the drop-in through an Include, as Ubuntu's sshd_config does.
    Path sshd = Path.of("/usr/sbin/sshd");
    assumeTrue(Files.isExecutable(sshd), "sshd is not installed here");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path key = dir.resolve("host_key");
    assertEquals(0, exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())).exit);
    Files.writeString(dir.resolve("00-labc.conf"), dropIn);
    Files.writeString(dir.resolve("sshd_config"), "Include " + dir.resolve("00-labc.conf") + "\nHostKey " + key + "\nPidFile " + dir.resolve("sshd.pid") + "\n");
    var cmd = new ArrayList<String>(List.of(sshd.toString(), "-t", "-f", dir.resolve("sshd_config").toString()));
    // As root, sshd -t wants /run/sshd; as nobody (owning the key) it checks the config alone.
    if (exec(List.of("id", "-u")).out.strip().equals("0")) {
      assertEquals(0, exec(List.of("chown", "65534", key.toString())).exit);
      cmd.addAll(0, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    Exec ok = exec(cmd);
    assertEquals(0, ok.exit, ok.out);
    Files.writeString(dir.resolve("00-labc.conf"), dropIn.replace("Port 22332", "Port 99999"));
    assertTrue(exec(cmd).exit != 0, "sshd -t rejects a bad drop-in, so the check above can fail");
  }

  @Test
  void osTurnsOffUnattendedUpgradesWaitOnlineAndTheDesktopAndSetsAptMirrorAndProxy() {
    var g = graph("""
        import "std/os"
        os {
          unattended_upgrades = false
          default_target      = "multi-user.target"
          wait_online         = false
          apt_mirror          = "https://mirrors.bfsu.edu.cn/ubuntu/"
          apt_proxy           = "http://10.0.1.68:8889"
        }
        """);
    for (String n : List.of("core", "gpu-1", "supp")) {
      assertEquals("absent", attr(g, "node." + n + ".package[\"unattended-upgrades\"]", "state"), "empty `on` is every node");
    }
    assertEquals("systemctl set-default multi-user.target", attr(g, "node.core.command[\"default-target\"]", "command"));
    assertEquals("[ \"$(systemctl get-default)\" = multi-user.target ]", attr(g, "node.core.command[\"default-target\"]", "unless"));
    assertEquals("systemctl disable systemd-networkd-wait-online.service", attr(g, "node.core.command[\"disable-systemd-networkd-wait-online\"]", "command"));
    assertEquals("! systemctl is-enabled -q NetworkManager-wait-online.service", attr(g, "node.core.command[\"disable-NetworkManager-wait-online\"]", "unless"));
    assertEquals("// managed by labc: os os\nAcquire::http::Proxy \"http://10.0.1.68:8889\";\nAcquire::https::Proxy \"http://10.0.1.68:8889\";\n",
        content(g, "node.supp.file[\"/etc/apt/apt.conf.d/95labc-proxy\"]"));
    Resource mirror = get(g, "node.supp.command[\"apt-mirror\"]");
    assertTrue(Values.text(mirror.attributes().get("command")).startsWith(
        "ls -d /etc/apt/sources.list /etc/apt/sources.list.d/ubuntu.sources 2>/dev/null | xargs -r sed -i -E 's#https?://([a-z0-9.-]+\\.)?(archive|security)\\.ubuntu\\.com/ubuntu/?#https://mirrors.bfsu.edu.cn/ubuntu/#g' "), mirror.toString());
    assertTrue(mirror.dependsOn().contains(ResourceAddr.parse("node.supp.file[\"/etc/apt/apt.conf.d/95labc-proxy\"]")), "the mirror is fetched through the proxy");
    assertFalse(has(g, "node.supp.file[\"/etc/ssh/sshd_config.d/00-labc.conf\"]"), "no sshd setting, no drop-in");
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/os\"\nos {\n apt_proxy = \"http://x\\\" evil\"\n}\n"));
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/os\"\nos {\n default_target = \"rescue.target\"\n}\n"));
    // An empty path segment is refused: the mirror's trailing slash is taken off once, never several.
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/os\"\nos {\n apt_mirror = \"https://m.example.org/ubuntu//\"\n}\n"));
    var bare = graph("import \"std/os\"\nos {\n on = [supp]\n ssh_tcp_keepalive = false\n apt_mirror = \"http://m.example.org:8080\"\n}\n");
    assertEquals("# managed by labc: os os\nTCPKeepAlive no\n", content(bare, "node.supp.file[\"/etc/ssh/sshd_config.d/00-labc.conf\"]"));
    assertTrue(attr(bare, "node.supp.command[\"apt-mirror\"]", "command").contains("#http://m.example.org:8080/#g"));
    assertTrue(get(bare, "node.supp.command[\"apt-mirror\"]").dependsOn().isEmpty(), "no proxy, nothing to wait for");
    assertFalse(has(bare, "node.supp.package[\"unattended-upgrades\"]") || has(bare, "node.supp.command[\"default-target\"]"), "unset settings make nothing");
  }

  @Test
  void tailscalePolicyIsJsonWithGroupsTagOwnersAndRulesOnTheController() throws Exception {
    var g = graph("""
        import "std/tailscale"
        param key: secret string = "tskey-x"
        node head {
          address = 10.0.1.10
          roles   = [controller]
        }
        tailscale {
          on         = [gpu-1, head]
          auth_key   = key
          tags       = ["tag:closet"]
          acl_groups = { "group:faculty" = ["ada@example.org"], "group:grad-students" = ["bob@example.org", "eve@example.org"] }
          acls       = [{ src = ["group:faculty"], dst = ["*:*"] }, { src = ["group:grad-students"], dst = ["tag:closet:22"] }]
        }
        """);
    JsonNode p = new ObjectMapper().readTree(content(g, "node.head.file[\"/etc/labc/tailscale-policy.json\"]"));
    assertEquals("eve@example.org", p.at("/groups/group:grad-students/1").asText());
    assertEquals("autogroup:admin", p.at("/tagOwners/tag:closet/0").asText());
    assertEquals("group:grad-students", p.at("/acls/1/src/0").asText());
    assertEquals("tag:closet:22", p.at("/acls/1/dst/0").asText());
    assertEquals("check", p.at("/ssh/0/action").asText(), "Tailscale SSH on, no rules: the console's default rule");
    assertFalse(has(g, "node.gpu-1.file[\"/etc/labc/tailscale-policy.json\"]"));
    get(g, "node.gpu-1.command[\"tailscale-up\"]");

    var open = graph("import \"std/tailscale\"\nparam key: secret string = \"k\"\ntailscale {\n on = [supp]\n auth_key = key\n ssh = false\n}\n");
    JsonNode q = new ObjectMapper().readTree(content(open, "node.supp.file[\"/etc/labc/tailscale-policy.json\"]"));
    assertEquals("*:*", q.at("/acls/0/dst/0").asText(), "no rules: Tailscale's allow-all default");
    assertTrue(q.at("/ssh").isMissingNode());
    assertEquals("tailscale up --auth-key=\"$TS_AUTHKEY\"", attr(open, "node.supp.command[\"tailscale-up\"]", "command"), "no tags, no SSH: neither flag");
    assertEquals("tailscale up --auth-key=\"$TS_AUTHKEY\" --advertise-tags tag:closet --ssh", attr(g, "node.head.command[\"tailscale-up\"]", "command"));

    var elsewhere = graph("import \"std/tailscale\"\nparam key: secret string = \"k\"\ntailscale {\n on = [gpu-1, supp]\n auth_key = key\n policy_on = core\n}\n");
    assertTrue(has(elsewhere, "node.core.file[\"/etc/labc/tailscale-policy.json\"]"), "policy_on need not be among `on`");
    assertFalse(has(elsewhere, "node.core.command[\"tailscale-up\"]"));
    assertFalse(has(elsewhere, "node.gpu-1.file[\"/etc/labc/tailscale-policy.json\"]"));
    var none = graph("import \"std/tailscale\"\nparam key: secret string = \"k\"\ntailscale {\n on = []\n auth_key = key\n}\n");
    assertTrue(none.resources().keySet().stream().noneMatch(a -> a.toString().contains("tailscale")), "no nodes, no steps: " + none.resources().keySet());
  }

  @Test
  void skypilotPoolsAreYamlFromDeclaredNodesAndTheApiServerIsAService() throws Exception {
    var g = graph("""
        import "std/skypilot"
        skypilot {
          mode          = "ssh"
          pool          = "closet"
          nodes         = [gpu-1, supp]
          hosts         = [10.0.1.75, 10.0.1.90]
          user          = "ubuntu"
          identity_file = "/home/ubuntu/.ssh/id_ed25519"
          api_on        = core
          api_user      = "ubuntu"
          version       = "0.10.3"
          kubeconfig    = "/home/ubuntu/.kube/config"
        }
        """);
    String pools = content(g, "node.core.file[\"/home/ubuntu/.sky/ssh_node_pools.yaml\"]");
    JsonNode y = new ObjectMapper(new YAMLFactory()).readTree(pools);
    assertEquals(3, y.at("/closet/hosts").size(), pools);
    assertEquals(List.of("10.0.1.75", "10.0.1.68", "10.0.1.90"), List.of(y.at("/closet/hosts/0").asText(), y.at("/closet/hosts/1").asText(), y.at("/closet/hosts/2").asText()));
    assertEquals("ubuntu", y.at("/closet/user").asText());
    assertEquals("/home/ubuntu/.ssh/id_ed25519", y.at("/closet/identity_file").asText());
    assertEquals("ubuntu", attr(g, "node.core.file[\"/home/ubuntu/.sky/ssh_node_pools.yaml\"]", "owner"));

    String unit = content(g, "node.core.file[\"/etc/systemd/system/skypilot-api.service\"]");
    assertTrue(unit.contains("User=ubuntu\n") && unit.contains("Environment=\"KUBECONFIG=/home/ubuntu/.kube/config\"\n")
        && unit.contains("ExecStart=/opt/skypilot/bin/sky api start --deploy --foreground\n"), unit);
    assertEquals("python3 -m venv /opt/skypilot && /opt/skypilot/bin/pip install --quiet 'skypilot[kubernetes]==0.10.3'",
        attr(g, "node.core.command[\"skypilot-install\"]", "command"));
    Resource svc = get(g, "node.core.service[\"skypilot-api\"]");
    assertTrue(svc.dependsOn().contains(ResourceAddr.parse("node.core.command[\"skypilot-install\"]")));
    assertEquals("restart", Values.text(svc.attributes().get("reload_action")));

    // Without api_on: the pool file alone, on the first controller (none here: nothing).
    var bare = graph("import \"std/skypilot\"\nskypilot {\n mode = \"kubernetes\"\n}\n");
    assertFalse(bare.resources().keySet().stream().anyMatch(a -> a.toString().contains("sky")), bare.resources().keySet().toString());
  }

  @Test
  void transformerLabRunsAsAServiceBehindAnNginxSiteNginxAccepts(@TempDir Path dir) throws Exception {
    var g = graph("""
        import "std/transformerlab"
        transformerlab tlab {
          on          = supp
          user        = "ubuntu"
          server_name = "lab.example.org"
        }
        """);
    assertEquals("runuser -l ubuntu -c 'curl -fsSL https://lab.cloud/install.sh | bash && cd /home/ubuntu/.transformerlab/src && ./install.sh install_providers'",
        attr(g, "node.supp.command[\"transformerlab-install\"]", "command"));
    assertEquals("/home/ubuntu/.transformerlab/src/run.sh", attr(g, "node.supp.command[\"transformerlab-install\"]", "creates"));
    String unit = content(g, "node.supp.file[\"/etc/systemd/system/transformerlab.service\"]");
    assertTrue(unit.contains("User=ubuntu\n") && unit.contains("ExecStart=/bin/bash /home/ubuntu/.transformerlab/src/run.sh\n"), unit);
    assertTrue(get(g, "node.supp.service[\"transformerlab\"]").dependsOn().contains(ResourceAddr.parse("node.supp.command[\"transformerlab-install\"]")));
    String site = content(g, "node.supp.file[\"/etc/nginx/sites-available/transformerlab.conf\"]");
    assertTrue(site.contains("server_name lab.example.org;") && site.contains("proxy_pass http://127.0.0.1:8338;") && site.contains("client_max_body_size 10g;"), site);
    get(g, "node.supp.command[\"nginx-enable-transformerlab\"]");

    var traefik = graph("import \"std/transformerlab\"\ntransformerlab tlab {\n on = supp\n nginx = false\n}\n");
    assertFalse(has(traefik, "node.supp.package[\"nginx\"]"), "nginx = false: no proxy");
    assertEquals("curl -fsSL https://lab.cloud/install.sh | bash && cd /root/.transformerlab/src && ./install.sh install_providers",
        attr(traefik, "node.supp.command[\"transformerlab-install\"]", "command"));
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/transformerlab\"\ntransformerlab t {\n on = supp\n installer = \"https://x.sh; rm -rf /\"\n}\n"));

    StdlibKindsTest.assertNginxAccepts(site, dir);
  }

  @Test
  void minioKeepsItsRootPasswordInARootOnlyEnvFileAndOutOfThePlan(@TempDir Path dir) throws Exception {
    var g = graph("""
        import "std/minio"
        param pw: secret string = "p\\"a$s%word"
        minio cold {
          on            = core
          data          = "/srv/minio/data"
          root_password = pw
        }
        """);
    Resource env = get(g, "node.core.file[\"/etc/default/minio\"]");
    assertEquals("0600", Values.text(env.attributes().get("mode")));
    Value.Secret s = (Value.Secret) env.attributes().get("content");
    assertTrue(s.value().contains("MINIO_VOLUMES=\"/srv/minio/data\"\n") && s.value().contains("MINIO_OPTS=\"--address :9000 --console-address :9001\"\n")
        && s.value().contains("MINIO_ROOT_PASSWORD=\"p\\\"a\\$s%word\"\n"), s.value());
    String unit = content(g, "node.core.file[\"/etc/systemd/system/minio.service\"]");
    assertTrue(unit.contains("EnvironmentFile=/etc/default/minio\n") && unit.contains("ExecStart=/usr/local/bin/minio server $MINIO_OPTS $MINIO_VOLUMES\n"), unit);
    Resource svc = get(g, "node.core.service[\"minio\"]");
    assertTrue(svc.dependsOn().containsAll(List.of(ResourceAddr.parse("node.core.command[\"minio-binary\"]"), ResourceAddr.parse("node.core.command[\"minio-data\"]"))));
    assertTrue(String.valueOf(svc.attributes().get("reload_on")).contains("/etc/default/minio"));
    assertEquals("install -d -m 0750 -o minio-user -g minio-user /srv/minio/data", attr(g, "node.core.command[\"minio-data\"]", "command"));
    // systemd unescapes \\, \" and \$ inside double quotes: each is escaped once, nothing else is.
    var escaped = graph("import \"std/minio\"\nparam pw: secret string = \"a\\\\b\\\"c$d`e\"\nminio m {\n on = supp\n root_password = pw\n}\n");
    assertEquals("# managed by labc: minio m\nMINIO_VOLUMES=\"/srv/minio\"\nMINIO_OPTS=\"--address :9000 --console-address :9001\"\n"
        + "MINIO_ROOT_USER=\"minioadmin\"\nMINIO_ROOT_PASSWORD=\"a\\\\b\\\"c\\$d`e\"\n", ((Value.Secret) get(escaped, "node.supp.file[\"/etc/default/minio\"]").attributes().get("content")).value());

    planHasNoCanary(dir, """
        import "std/minio"
        param pw: secret string
        node core {
          address = 10.0.1.66
        }
        minio cold {
          on            = core
          root_password = pw
        }
        """, "pw = \"minio-CANARY-7f3a\"\n");
  }

  @Test
  void juiceFsFormatsOnceMountsEverywhereAndNeverShowsItsKeys(@TempDir Path dir) throws Exception {
    var g = graph("""
        import "std/juicefs"
        param sk: secret string = "secretkey"
        param mp: secret string = "metapw"
        juicefs hot {
          on            = [gpu-1, supp]
          meta_url      = "redis://10.0.1.66:6379/1"
          meta_password = mp
          bucket        = "http://10.0.1.66:9000/juicefs"
          access_key    = "labc"
          secret_key    = sk
        }
        """);
    Resource format = get(g, "node.gpu-1.command[\"juicefs-format-hot\"]");
    assertEquals("/usr/local/bin/juicefs format --storage minio --bucket http://10.0.1.66:9000/juicefs --access-key labc redis://10.0.1.66:6379/1 hot",
        Values.text(format.attributes().get("command")));
    assertTrue(format.attributes().get("env") instanceof Value.Obj e && e.fields().get("SECRET_KEY") instanceof Value.Secret && e.fields().get("META_PASSWORD") instanceof Value.Secret);
    assertFalse(has(g, "node.supp.command[\"juicefs-format-hot\"]"), "formatted once");
    for (String n : List.of("gpu-1", "supp")) {
      Resource svc = get(g, "node." + n + ".service[\"juicefs-hot\"]");
      assertTrue(svc.dependsOn().contains(format.addr()), "mounted after the format");
      String unit = content(g, "node." + n + ".file[\"/etc/systemd/system/juicefs-hot.service\"]");
      assertTrue(unit.contains("EnvironmentFile=/etc/juicefs/hot.env\n") && unit.contains("ExecStart=/usr/local/bin/juicefs mount redis://10.0.1.66:6379/1 /jfs --cache-dir /var/jfsCache --cache-size 102400\n"), unit);
      assertEquals("0600", attr(g, "node." + n + ".file[\"/etc/juicefs/hot.env\"]", "mode"));
    }
    // A password in the URL would be planned and stored: refused, with meta_password the way.
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/juicefs\"\nparam sk: secret string = \"s\"\njuicefs v {\n on = [supp]\n meta_url = \"redis://:hunter2@10.0.1.66:6379/1\"\n"
        + " bucket = \"http://10.0.1.66:9000/v\"\n access_key = \"a\"\n secret_key = sk\n}\n"));

    planHasNoCanary(dir, """
        import "std/juicefs"
        param sk: secret string
        param mp: secret string
        node core {
          address = 10.0.1.66
        }
        juicefs hot {
          on            = [core]
          meta_url      = "redis://10.0.1.66:6379/1"
          meta_password = mp
          bucket        = "http://10.0.1.66:9000/juicefs"
          access_key    = "labc"
          secret_key    = sk
        }
        """, "sk = \"jfs-CANARY-1\"\nmp = \"jfs-CANARY-2\"\n");
  }

  /** Plans `lab` with secrets from a var file, as text and JSON, and saved: no CANARY anywhere. */
  private static void planHasNoCanary(Path dir, String lab, String vars) throws Exception {
    Path file = dir.resolve("cluster.lab");
    Files.writeString(file, lab);
    Path varFile = dir.resolve("secrets.lab");
    Files.writeString(varFile, vars);
    Path saved = dir.resolve("cluster.plan");
    var text = PlanCommandTest.run("plan", "--var-file", varFile.toString(), "-out", saved.toString(), file.toString());
    var json = PlanCommandTest.run("plan", "--format", "json", "--var-file", varFile.toString(), file.toString());
    assertEquals(0, text.exit(), text.err());
    assertEquals(0, json.exit(), json.err());
    assertTrue(text.out().contains("(secret)"), text.out());
    for (String s : new String[] {text.out(), text.err(), json.out(), json.err(), Files.readString(saved)}) {
      assertFalse(s.contains("CANARY"), "a secret leaked:\n" + s);
    }
  }

  private record Exec(int exit, String out) {}

  private static Exec exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Exec(p.exitValue(), out);
  }
}

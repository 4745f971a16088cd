package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.labc.addr.ResourceAddr;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stdlib kinds std/docker, std/nvidia, std/determined, std/nginx and std/slurm: their expansion, the files they render, their parameter checks. */
class StdlibKindsTest {
  static final String NODES = """
      node core {
        address = 10.0.1.66
      }
      node gpu-1 {
        address = 10.0.1.75
        cpu {
          sockets          = 2
          cores_per_socket = 56
          threads_per_core = 2
        }
        memory = 2015GiB
        gpu {
          model = A100_80GB
          count = 8
        }
      }
      node supp {
        address = 10.0.1.68
      }
      """;

  static Checked check(String lab) {
    return Pipeline.check(new SourceFile("t.lab", NODES + lab), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  static ResourceGraph graph(String lab) {
    var checked = check(lab);
    assertTrue(checked.ok(), () -> checked.diagnostics().toString());
    assertEquals(List.of(), checked.diagnostics());
    return ResourceGraphBuilder.build(checked.evaluation().program());
  }

  static Resource get(ResourceGraph g, String addr) {
    Resource r = g.resources().get(ResourceAddr.parse(addr));
    assertTrue(r != null, () -> addr + " not in " + g.resources().keySet());
    return r;
  }

  static String content(ResourceGraph g, String addr) {
    return Values.text(get(g, addr).attributes().get("content"));
  }

  static List<Code> codes(String lab) {
    return check(lab).diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
  }

  @Test
  void dockerWritesSortedDaemonJsonAndTheProxyBeforeThePackageAndRestartsOnChange() throws Exception {
    var g = graph("""
        import "std/docker"
        docker {
          on             = [gpu-1]
          address_pools  = [{ base = 172.240.0.0/16, size = 24 }]
          bip            = 172.239.0.1/24
          nvidia_runtime = true
          buildkit       = true
          settings       = { "log-driver" = "json-file", "max-concurrent-downloads" = 6 }
          proxy          = { http = "http://10.0.1.68:8889", no_proxy = ["localhost", "nvcr.io"] }
        }
        """);
    String json = content(g, "node.gpu-1.file[\"/etc/docker/daemon.json\"]");
    JsonNode d = new ObjectMapper().readTree(json);
    assertEquals("172.240.0.0/16", d.at("/default-address-pools/0/base").asText());
    assertEquals(24, d.at("/default-address-pools/0/size").asInt());
    assertEquals("172.239.0.1/24", d.get("bip").asText());
    assertEquals("overlay2", d.get("storage-driver").asText());
    assertEquals("nvidia", d.get("default-runtime").asText());
    assertEquals("nvidia-container-runtime", d.at("/runtimes/nvidia/path").asText());
    assertTrue(d.at("/features/buildkit").asBoolean());
    assertEquals(6, d.get("max-concurrent-downloads").asInt());
    var keys = new ArrayList<String>();
    for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) keys.add(it.next());
    assertEquals(keys.stream().sorted().toList(), keys, "daemon.json keys are sorted");

    String proxy = content(g, "node.gpu-1.file[\"/etc/systemd/system/docker.service.d/http-proxy.conf\"]");
    assertTrue(proxy.contains("[Service]\nEnvironment=\"HTTP_PROXY=http://10.0.1.68:8889\"\nEnvironment=\"HTTPS_PROXY=http://10.0.1.68:8889\"\nEnvironment=\"NO_PROXY=localhost,nvcr.io\"\n"), proxy);

    Resource pkg = get(g, "node.gpu-1.package[\"docker.io\"]");
    assertTrue(pkg.dependsOn().contains(ResourceAddr.parse("node.gpu-1.file[\"/etc/docker/daemon.json\"]")), "the daemon's first start reads daemon.json");
    assertTrue(pkg.dependsOn().contains(ResourceAddr.parse("node.gpu-1.package[\"nvidia-container-toolkit\"]")));
    Resource svc = get(g, "node.gpu-1.service[\"docker\"]");
    assertEquals("restart", Values.text(svc.attributes().get("reload_action")));
    assertTrue(String.valueOf(svc.attributes().get("reload_on")).contains("daemon.json"));

    // A changed daemon.json changes the service, so the plan restarts it.
    var other = graph("""
        import "std/docker"
        docker {
          on            = [gpu-1]
          address_pools = [{ base = 172.241.0.0/16, size = 24 }]
        }
        """);
    var same = graph("""
        import "std/docker"
        docker {
          on            = [gpu-1]
          address_pools = [{ base = 172.240.0.0/16, size = 24 }]
        }
        """);
    assertFalse(get(other, "node.gpu-1.service[\"docker\"]").attributes().get("reload_digest")
        .equals(get(same, "node.gpu-1.service[\"docker\"]").attributes().get("reload_digest")));
  }

  /** docker-ce from Docker's repository, and the NVIDIA runtime also asked for by std/nvidia: one set of steps, no conflict. */
  @Test
  void dockerCeWaitsForItsRepositoryAndAddsUsersOnceTheirAccountsExist() {
    var g = graph("""
        import "std/docker"
        import "std/nvidia"
        user alice {
          uid = 2001
          on  = [gpu-1]
        }
        nvidia_driver {
          on                = [gpu-1]
          version           = "535"
          fabric_manager    = true
          container_toolkit = true
        }
        docker {
          on             = [gpu-1]
          package        = "docker-ce"
          repository     = "https://mirrors.example.edu/docker-ce/linux/ubuntu"
          nvidia_runtime = true
          users          = ["alice", "bob"]
        }
        """);
    assertEquals("curl -fsSL https://download.docker.com/linux/ubuntu/gpg | gpg --dearmor -o /usr/share/keyrings/docker.gpg",
        Values.text(get(g, "node.gpu-1.command[\"apt-key-docker\"]").attributes().get("command")));
    String source = Values.text(get(g, "node.gpu-1.command[\"apt-source-docker\"]").attributes().get("command"));
    assertTrue(source.contains(" https://mirrors.example.edu/docker-ce/linux/ubuntu \"$(. /etc/os-release") && source.endsWith(" stable > /etc/apt/sources.list.d/docker.list"), source);
    Resource pkg = get(g, "node.gpu-1.package[\"docker-ce\"]");
    for (String before : List.of("command[\"apt-update-docker\"]", "package[\"nvidia-container-toolkit\"]", "file[\"/etc/docker/daemon.json\"]")) {
      assertTrue(pkg.dependsOn().contains(ResourceAddr.parse("node.gpu-1." + before)), before);
    }
    assertTrue(get(g, "node.gpu-1.package[\"nvidia-container-toolkit\"]").dependsOn()
        .contains(ResourceAddr.parse("node.gpu-1.command[\"apt-update-nvidia-container-toolkit\"]")));
    Resource alice = get(g, "node.gpu-1.command[\"docker-group-alice\"]");
    assertEquals("usermod -aG docker alice", Values.text(alice.attributes().get("command")));
    assertTrue(alice.dependsOn().contains(ResourceAddr.parse("node.gpu-1.user[\"alice\"]")), "usermod needs the declared account");
    assertTrue(alice.dependsOn().contains(ResourceAddr.parse("node.gpu-1.package[\"docker-ce\"]")), "and the docker group the package makes");
    // bob is no user block: an account taken to exist, so nothing to wait for.
    assertTrue(get(g, "node.gpu-1.command[\"docker-group-bob\"]").dependsOn().stream().noneMatch(a -> a.type().equals("user")));
  }

  /** std/core's apt_repository as a lab writes it for its own package: a flat repository (`suite = "/"`) and one on the node's codename. */
  @Test
  void aptRepositoryAddsKeySourceAndUpdateBeforeThePackageNamingIt() {
    var g = graph("""
        apt_repository cuda {
          key_url = "https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2204/x86_64/3bf863cc.pub"
          uri     = "https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2204/x86_64"
          suite   = "/"
          probe   = "cuda-toolkit-12-4"
          on      = [gpu-1]
        }
        apt_repository grafana {
          name       = "grafana-oss"
          key_url    = "https://apt.grafana.com/gpg.key"
          uri        = "https://apt.grafana.com"
          suite      = "stable"
          components = "main"
          probe      = "grafana"
          on         = [supp]
        }
        package cuda-toolkit-12-4 {
          on    = [gpu-1]
          after = [apt_repository.cuda]
        }
        """);
    assertEquals("printf 'deb [signed-by=%s] %s %s\\n' /usr/share/keyrings/cuda.gpg https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2204/x86_64 / > /etc/apt/sources.list.d/cuda.list",
        Values.text(get(g, "node.gpu-1.command[\"apt-source-cuda\"]").attributes().get("command")));
    assertEquals("apt-cache policy cuda-toolkit-12-4 | grep -q 'Candidate: [0-9]'", Values.text(get(g, "node.gpu-1.command[\"apt-update-cuda\"]").attributes().get("unless")));
    assertTrue(get(g, "node.gpu-1.package[\"cuda-toolkit-12-4\"]").dependsOn().contains(ResourceAddr.parse("node.gpu-1.command[\"apt-update-cuda\"]")));
    assertTrue(get(g, "node.gpu-1.command[\"apt-key-cuda\"]").dependsOn().containsAll(List.of(
        ResourceAddr.parse("node.gpu-1.package[\"curl\"]"), ResourceAddr.parse("node.gpu-1.package[\"gnupg\"]"))), "the key is fetched with curl and dearmored with gpg");
    assertEquals("printf 'deb [signed-by=%s] %s %s %s\\n' /usr/share/keyrings/grafana-oss.gpg https://apt.grafana.com stable main > /etc/apt/sources.list.d/grafana-oss.list",
        Values.text(get(g, "node.supp.command[\"apt-source-grafana-oss\"]").attributes().get("command")));
    assertFalse(g.resources().containsKey(ResourceAddr.parse("node.gpu-1.command[\"apt-key-grafana-oss\"]")), "on its nodes only");
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("apt_repository r {\n key_url = \"http://insecure.example/key\"\n uri = \"https://x.example\"\n probe = \"xy\"\n}\n"));
  }

  @Test
  void dockerParametersAreChecked() {
    assertEquals(List.of(Code.OUT_OF_RANGE), codes("import \"std/docker\"\ndocker {\n on = [gpu-1]\n address_pools = [{ base = 172.240.0.0/16, size = 40 }]\n}\n"));
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/docker\"\ndocker {\n on = [gpu-1]\n package = \"docker\"\n}\n"));
    assertEquals(List.of(Code.TYPE_MISMATCH), codes("import \"std/docker\"\ndocker {\n on = [gpu-1]\n bip = \"172.17.0.1\"\n}\n"));
    // daemon.json is an object: settings that are not a map were dropped without a word by the Java expansion.
    assertEquals(List.of(Code.TYPE_MISMATCH), codes("import \"std/docker\"\ndocker {\n on = [gpu-1]\n settings = [\"debug\"]\n}\n"));
    // Seed 004: Docker's default pools take the school VPN's range.
    assertEquals(List.of(Code.NETWORK_OVERLAP), codes("import \"std/docker\"\nnetwork vpn {\n cidr = 172.20.0.0/16\n kind = \"vpn\"\n}\ndocker {\n on = [gpu-1]\n}\n"));
    assertEquals(List.of(Code.NETWORK_OVERLAP), codes("import \"std/docker\"\nnetwork vpn {\n cidr = 172.20.0.0/16\n kind = \"vpn\"\n}\ndocker {\n on = [gpu-1]\n address_pools = [{ base = 172.16.0.0/12, size = 24 }]\n}\n"));
    assertEquals(List.of(), codes("import \"std/docker\"\nnetwork vpn {\n cidr = 172.20.0.0/16\n kind = \"vpn\"\n}\ndocker {\n on = [gpu-1]\n address_pools = [{ base = 172.240.0.0/16, size = 24 }]\n}\n"));
  }

  @Test
  void nvidiaDriverPinsTheBranchHoldsItAndMatchesFabricManager() {
    var g = graph("""
        import "std/nvidia"
        nvidia_driver gpus {
          on                  = [gpu-1]
          version             = "550.90.07"
          fabric_manager      = true
          container_toolkit   = true
          unattended_upgrades = false
        }
        """);
    Resource driver = get(g, "node.gpu-1.package[\"nvidia-driver-550-server\"]");
    assertEquals(new Value.Bool(true), driver.attributes().get("hold"));
    assertTrue(driver.dependsOn().contains(ResourceAddr.parse("node.gpu-1.command[\"update-initramfs-nouveau\"]")), "nouveau is blacklisted first");
    assertTrue(driver.dependsOn().contains(ResourceAddr.parse("node.gpu-1.package[\"unattended-upgrades\"]")));
    assertEquals("absent", Values.text(get(g, "node.gpu-1.package[\"unattended-upgrades\"]").attributes().get("state")));
    assertEquals(new Value.Bool(true), get(g, "node.gpu-1.package[\"nvidia-fabricmanager-550\"]").attributes().get("hold"));
    get(g, "node.gpu-1.service[\"nvidia-fabricmanager\"]");
    get(g, "node.gpu-1.service[\"nvidia-persistenced\"]");
    get(g, "node.gpu-1.package[\"nvidia-container-toolkit\"]");
    assertTrue(content(g, "node.gpu-1.file[\"/etc/modprobe.d/blacklist-nouveau.conf\"]").contains("blacklist nouveau\noptions nouveau modeset=0\n"));

    // Both checks this block trips (gpu-1 is an 8x A100 SXM board) are waived, by code and by name.
    var desktop = graph("import \"std/nvidia\"\n@waive(check: \"E0423\", reason: \"Fabric Manager comes from the image\")\n"
        + "@waive(check: \"nouveau\", reason: \"this test looks at the files without the blacklist\")\nnvidia_driver gpus {\n on = [gpu-1]\n version = \"590\"\n server = false\n hold = false\n blacklist_nouveau = false\n}\n");
    assertFalse(get(desktop, "node.gpu-1.package[\"nvidia-driver-590\"]").attributes().containsKey("hold"));
    assertFalse(desktop.resources().containsKey(ResourceAddr.parse("node.gpu-1.file[\"/etc/modprobe.d/blacklist-nouveau.conf\"]")));
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/nvidia\"\nnvidia_driver gpus {\n on = [gpu-1]\n version = \"latest\"\n}\n"));
    // A node whose GPUs the GPU Operator owns gets no host driver.
    assertEquals(List.of(Code.DRIVER_OWNER), codes("import \"std/nvidia\"\nnode gpu-2 {\n address = 10.0.1.76\n gpu {\n model = H100\n count = 8\n driver = \"operator\"\n }\n}\n"
        + "nvidia_driver gpus {\n on = [gpu-1, gpu-2]\n version = \"550\"\n fabric_manager = true\n}\n"));
  }

  @Test
  void determinedRendersMasterAndAgentConfigsAsYamlWithThePasswordOutOfThem() throws Exception {
    var g = graph("""
        import "std/docker"
        import "std/determined"
        param pw: secret string = "s3cret\\"%"
        docker {
          on = [gpu-1]
          address_pools = [{ base = 172.240.0.0/16, size = 24 }]
        }
        determined {
          master      = core
          agents      = [gpu-1]
          version     = "0.38.0"
          db_password = pw
          cli_on      = [supp]
        }
        """);
    var yaml = new ObjectMapper(new YAMLFactory());
    JsonNode master = yaml.readTree(content(g, "node.core.file[\"/etc/determined/master.yaml\"]"));
    assertEquals(8080, master.get("port").asInt());
    assertEquals("localhost", master.at("/db/host").asText());
    assertEquals("determined", master.at("/db/user").asText());
    assertTrue(master.at("/db/password").isMissingNode(), "the password is not in master.yaml");
    assertEquals("shared_fs", master.at("/checkpoint_storage/type").asText());
    assertEquals("/mnt/checkpoints", master.at("/checkpoint_storage/host_path").asText());
    assertEquals("default", master.at("/resource_pools/0/pool_name").asText());
    JsonNode agent = yaml.readTree(content(g, "node.gpu-1.file[\"/etc/determined/agent.yaml\"]"));
    assertEquals("10.0.1.66", agent.get("master_host").asText());
    assertEquals(8080, agent.get("master_port").asInt());
    assertEquals("gpu-1", agent.get("agent_id").asText());
    assertEquals("cuda", agent.get("slot_type").asText());

    Resource dropIn = get(g, "node.core.file[\"/etc/systemd/system/determined-master.service.d/labc-db.conf\"]");
    assertEquals("0600", Values.text(dropIn.attributes().get("mode")));
    Value.Secret s = (Value.Secret) dropIn.attributes().get("content");
    assertTrue(s.value().contains("Environment=\"DET_DB_PASSWORD=s3cret\\\"%%\"\n"), s.value());
    assertTrue(get(g, "node.core.command[\"determined-db\"]").attributes().get("env") instanceof Value.Obj env && env.fields().get("DET_DB_PASSWORD") instanceof Value.Secret);
    assertTrue(get(g, "node.gpu-1.service[\"determined-agent\"]").dependsOn().contains(ResourceAddr.parse("node.gpu-1.service[\"docker\"]")), "agents start after Docker");
    assertEquals("DET_MASTER=\"10.0.1.66:8080\"", Values.text(get(g, "node.supp.line[\"determined-master\"]").attributes().get("line")));
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("""
        import "std/determined"
        param pw: secret string = "x"
        determined {
          master      = core
          agents      = [gpu-1]
          version     = "latest"
          db_password = pw
        }
        """));
  }

  @Test
  void nginxSiteIsLinkedReloadedAndAcceptedByNginx(@TempDir Path dir) throws Exception {
    var g = graph("""
        import "std/nginx"
        nginx_proxy transformerlab {
          on                   = supp
          upstream             = "http://127.0.0.1:8338"
          client_max_body_size = "1g"
        }
        nginx_proxy secure {
          on          = core
          server_name = "lab.example.org"
          upstream    = "http://127.0.0.1:8080"
          certbot     = true
        }
        """);
    String site = content(g, "node.supp.file[\"/etc/nginx/sites-available/transformerlab.conf\"]");
    assertTrue(site.contains("listen 80 default_server;\n  server_name _;\n") && site.contains("proxy_pass http://127.0.0.1:8338;"), site);
    assertEquals("/etc/nginx/sites-enabled/transformerlab.conf", Values.text(get(g, "node.supp.command[\"nginx-enable-transformerlab\"]").attributes().get("creates")));
    Resource svc = get(g, "node.supp.service[\"nginx\"]");
    assertEquals("reload", Values.text(svc.attributes().get("reload_action")));
    assertTrue(svc.dependsOn().contains(ResourceAddr.parse("node.supp.command[\"nginx-enable-transformerlab\"]")));
    get(g, "node.supp.command[\"nginx-disable-default\"]");
    // certbot: the TLS site is linked only after the certificate exists, which needs nginx running.
    Resource link = get(g, "node.core.command[\"nginx-enable-secure-tls\"]");
    assertTrue(link.dependsOn().contains(ResourceAddr.parse("node.core.command[\"certbot-lab.example.org\"]")));
    assertTrue(get(g, "node.core.command[\"certbot-lab.example.org\"]").dependsOn().contains(ResourceAddr.parse("node.core.service[\"nginx\"]")));
    String tls = content(g, "node.core.file[\"/etc/nginx/sites-available/secure-tls.conf\"]");
    assertTrue(tls.contains("ssl_certificate /etc/letsencrypt/live/lab.example.org/fullchain.pem;"), tls);
    // Two sites on one node: nginx reloads when either changes.
    var two = graph("""
        import "std/nginx"
        nginx_proxy one {
          on       = supp
          upstream = "http://127.0.0.1:8338"
        }
        nginx_proxy two {
          on             = supp
          server_name    = "two.example.org"
          upstream       = "http://127.0.0.1:8080"
          default_server = false
        }
        """);
    String watched = String.valueOf(get(two, "node.supp.service[\"nginx\"]").attributes().get("reload_on"));
    assertTrue(watched.contains("sites-available/one.conf") && watched.contains("sites-available/two.conf"), watched);
    // Both sites as nginx reads them from sites-enabled (a second default server is E0426).
    Path both = Files.createDirectories(dir.resolve("both"));
    assertNginxAccepts(content(two, "node.supp.file[\"/etc/nginx/sites-available/one.conf\"]")
        + content(two, "node.supp.file[\"/etc/nginx/sites-available/two.conf\"]"), both);
    assertEquals(List.of(Code.PATTERN_MISMATCH), codes("import \"std/nginx\"\nnginx_proxy x {\n on = supp\n upstream = \"127.0.0.1:8338; evil\"\n}\n"));

    assertNginxAccepts(site, dir);
  }

  /** Runs `nginx -t` on {@code site} included in a minimal nginx.conf under {@code dir}: the parser that will read it. */
  static void assertNginxAccepts(String site, Path dir) throws Exception {
    String out = nginxTest(site, dir);
    assertTrue(out.startsWith("exit 0\n"), out);
    assertTrue(out.contains("test is successful"), out);
  }

  /** `nginx -t` on {@code site}: "exit N" and what it printed. */
  static String nginxTest(String site, Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx is not installed here (scripts/install-deps installs it)");
    Files.writeString(dir.resolve("site.conf"), site);
    Files.writeString(dir.resolve("nginx.conf"), "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + ";\n"
        + "events {}\nhttp {\n  access_log off;\n  client_body_temp_path " + dir + ";\n  proxy_temp_path " + dir + ";\n  include " + dir.resolve("site.conf") + ";\n}\n");
    Process p = new ProcessBuilder("/usr/sbin/nginx", "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    return "exit " + p.exitValue() + "\n" + out;
  }

  /** slurm.conf and gres.conf read back as Slurm reads them: whitespace-separated Key=Value pairs, one entity a line. */
  @Test
  void slurmFilesParseAsKeyValueLinesAndTheDaemonsRestartOnThem() {
    var g = graph("""
        import "std/slurm"
        param munge: secret string = "munge-key"
        slurm {
          controller   = core
          workers      = [gpu-1]
          cluster_name = "closet"
          munge_key    = munge
        }
        """);
    var known = java.util.Set.of("ClusterName", "SlurmctldHost", "AuthType", "GresTypes", "SelectType", "NodeName", "NodeAddr", "Gres",
        "State", "PartitionName", "Nodes", "Default", "MaxTime", "Name", "File", "ProctrackType", "CgroupPlugin",
        "CPUs", "Sockets", "CoresPerSocket", "ThreadsPerCore", "RealMemory");
    var conf = new java.util.LinkedHashMap<String, java.util.Map<String, String>>();
    for (String file : List.of("slurm.conf", "gres.conf", "cgroup.conf")) {
      String text = content(g, "node.gpu-1.file[\"/etc/slurm/" + file + "\"]");
      assertEquals(text, content(g, "node.core.file[\"/etc/slurm/" + file + "\"]"), "one " + file + " everywhere");
      for (String line : text.lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) continue;
        var pairs = new java.util.LinkedHashMap<String, String>();
        for (String pair : line.trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          assertTrue(eq > 0 && eq < pair.length() - 1, "not Key=Value: " + pair + " in " + line);
          assertTrue(known.contains(pair.substring(0, eq)), "not a Slurm key: " + pair);
          assertEquals(null, pairs.put(pair.substring(0, eq), pair.substring(eq + 1)), "key twice in " + line);
        }
        conf.put(file + ":" + pairs.keySet().iterator().next() + "=" + pairs.values().iterator().next(), pairs);
      }
    }
    assertEquals("10.0.1.75", conf.get("slurm.conf:NodeName=gpu-1").get("NodeAddr"));
    assertEquals("gpu:8", conf.get("slurm.conf:NodeName=gpu-1").get("Gres"));
    // Issue 22: the declared hardware, else slurmctld counts the node as 1 CPU and 1 MB.
    var gpu1 = conf.get("slurm.conf:NodeName=gpu-1");
    assertEquals(List.of("224", "2", "56", "2", String.valueOf(2015L * 1024)),
        List.of(gpu1.get("CPUs"), gpu1.get("Sockets"), gpu1.get("CoresPerSocket"), gpu1.get("ThreadsPerCore"), gpu1.get("RealMemory")));
    assertEquals("core", conf.get("slurm.conf:SlurmctldHost=core").get("SlurmctldHost"));
    assertEquals("gpu-1", conf.get("slurm.conf:PartitionName=gpu").get("Nodes"));
    assertEquals("/dev/nvidia[0-7]", conf.get("gres.conf:NodeName=gpu-1").get("File"));
    // Issue 22: the real slurmd reads cgroup.conf at every start and needs controllers for proctrack/cgroup.
    assertEquals("proctrack/cgroup", conf.get("slurm.conf:ProctrackType=proctrack/cgroup").get("ProctrackType"));
    assertTrue(conf.containsKey("cgroup.conf:CgroupPlugin=autodetect"), conf.keySet().toString());
    assertTrue(String.valueOf(get(g, "node.gpu-1.service[\"slurmd\"]").attributes().get("reload_on")).contains("/etc/slurm/cgroup.conf"));
    // The controller runs slurmctld, the worker slurmd; both restart when slurm.conf changes.
    assertTrue(String.valueOf(get(g, "node.core.service[\"slurmctld\"]").attributes().get("reload_on")).contains("/etc/slurm/slurm.conf"));
    assertTrue(String.valueOf(get(g, "node.gpu-1.service[\"slurmd\"]").attributes().get("reload_on")).contains("/etc/slurm/slurm.conf"));
    assertFalse(g.resources().containsKey(ResourceAddr.parse("node.core.service[\"slurmd\"]")));
    assertFalse(g.resources().containsKey(ResourceAddr.parse("node.gpu-1.service[\"slurmctld\"]")));
    assertTrue(get(g, "node.gpu-1.package[\"slurmd\"]").dependsOn().contains(ResourceAddr.parse("node.gpu-1.file[\"/etc/slurm/slurm.conf\"]")),
        "the configuration is there before the daemon's first start");
    var filesOnly = graph("import \"std/slurm\"\nslurm {\n controller = core\n workers = [gpu-1]\n daemons = false\n}\n");
    assertFalse(filesOnly.resources().keySet().stream().anyMatch(a -> a.type().equals("package") || a.type().equals("service")), filesOnly.resources().keySet().toString());
  }
}

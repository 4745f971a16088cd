// Kubernetes apply benchmark (issue 10, part 4): `labc apply` of N objects (namespaces and
// ConfigMaps from one multi-document manifest) against fabric8's CRUD mock API server, at the
// request budget; then a no-op re-apply and a one-object change. The peer, measured in the same
// run against the same kind of server: fabric8's client applying the same objects with
// server-side apply in a plain loop, paced by the same budget (what a script would do), and the
// budget's floor (requests / budget). Requests are counted by the mock's dispatcher.
//
// Run by bench/kube/run.sh (source-launcher mode on the cli module's test class path).
import dev.labc.cli.Main;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.ApplyTolerantCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class KubeBench {
  record Phase(String name, double seconds, long requests, long gets, long lists, long patches, String note) {}

  static final int NAMESPACES = 10;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    double budget = args.length > 1 ? Double.parseDouble(args[1]) : 50;
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    System.setProperty("labc.kube.poll.ms", "50");
    Path dir = Files.createTempDirectory("labc-kube-bench");
    var phases = new java.util.ArrayList<Phase>();

    // labc: converge, no-op, one change, each a separate `labc apply FILE --auto-approve`.
    try (var mock = new Mock()) {
      Path lab = writeLab(dir, mock.port(), n, budget, "v1");
      phases.add(mock.measure("labc converge", () -> apply(lab, budget)));
      phases.add(mock.measure("labc no-op re-apply", () -> apply(lab, budget)));
      writeLab(dir, mock.port(), n, budget, "v2-one");
      phases.add(mock.measure("labc one object changed", () -> apply(lab, budget)));
    }
    // Peer: the same objects through fabric8's own server-side apply, one request each, paced.
    try (var mock = new Mock()) {
      var objects = objects(mock.client, n, "v1");
      var pace = new dev.labc.runtime.kube.RequestBudget(budget);
      phases.add(mock.measure("fabric8 loop, GET + SSA each (peer)", () -> {
        for (var o : objects) {
          pace.acquire();
          var live = mock.client.resource(o).get();
          pace.acquire();
          mock.client.resource(o).fieldManager("peer").serverSideApply();
        }
      }));
    }
    try (var mock = new Mock()) {
      var objects = objects(mock.client, n, "v1");
      var pace = new dev.labc.runtime.kube.RequestBudget(budget);
      phases.add(mock.measure("fabric8 loop, SSA only (peer)", () -> {
        for (var o : objects) {
          pace.acquire();
          mock.client.resource(o).fieldManager("peer").serverSideApply();
        }
      }));
    }

    System.out.printf("%d objects (%d namespaces + %d ConfigMaps), budget %.0f requests/s, JDK %s%n",
        n, NAMESPACES, n - NAMESPACES, budget, System.getProperty("java.version"));
    System.out.println();
    System.out.println("| scenario | wall | requests | GET | LIST | PATCH | floor at budget | wall / floor | note |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Phase p : phases) {
      double floor = p.requests / budget;
      System.out.printf("| %s | %.2f s | %d | %d | %d | %d | %.2f s | %.2f | %s |%n",
          p.name, p.seconds, p.requests, p.gets, p.lists, p.patches, floor, floor > 0 ? p.seconds / floor : 0.0, p.note);
    }
    Phase labc = phases.get(0), peer = phases.get(3);
    System.out.println();
    System.out.printf("labc converge / fabric8 GET+SSA loop: %.2f; labc no-op requests per object: %.3f%n",
        labc.seconds / peer.seconds, (double) phases.get(1).requests / n);
  }

  static void apply(Path lab, double budget) {
    PrintStream out = System.out, err = System.err;
    var captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = Main.run(new String[] {"apply", lab.toString(), "--auto-approve", "--kube-requests-per-second", String.valueOf(budget)});
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    if (code != 0) throw new IllegalStateException("labc apply exited " + code + ":\n" + captured.toString(StandardCharsets.UTF_8));
  }

  static Path writeLab(Path dir, int port, int n, double budget, String version) throws Exception {
    Files.writeString(dir.resolve("kubeconfig.yaml"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "http://127.0.0.1:%d"}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock}}]
        current-context: mock
        users: [{name: mock, user: {token: not-a-secret}}]
        """.formatted(port));
    var yaml = new StringBuilder();
    for (int i = 0; i < n - NAMESPACES; i++) {
      // "v2-one" changes the first object only.
      String v = version.equals("v2-one") ? (i == 0 ? "v2" : "v1") : version;
      yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i).append("\n  namespace: bench-").append(i % NAMESPACES)
          .append("\ndata:\n  version: \"").append(v).append("\"\n  index: \"").append(i).append("\"\n---\n");
    }
    Files.writeString(dir.resolve("objects.yaml"), yaml);
    var lab = new StringBuilder("""
        cluster bench {
          distribution = "k3s"
          servers      = []
          kubeconfig   = "kubeconfig.yaml"
        }
        """);
    for (int i = 0; i < NAMESPACES; i++) lab.append("namespace bench-").append(i).append(" {\n  cluster = bench\n}\n");
    lab.append("manifest objects {\n  cluster = bench\n  file    = \"objects.yaml\"\n}\n");
    Path file = dir.resolve("cluster.lab");
    Files.writeString(file, lab);
    return file;
  }

  static List<GenericKubernetesResource> objects(KubernetesClient client, int n, String version) {
    var out = new java.util.ArrayList<GenericKubernetesResource>();
    for (int i = 0; i < NAMESPACES; i++) {
      out.add(Serialization.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench-" + i + "\"}}", GenericKubernetesResource.class));
    }
    for (int i = 0; i < n - NAMESPACES; i++) {
      out.add(Serialization.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + i + "\",\"namespace\":\"bench-" + (i % NAMESPACES)
          + "\"},\"data\":{\"version\":\"" + version + "\",\"index\":\"" + i + "\"}}", GenericKubernetesResource.class));
    }
    return out;
  }

  interface Work {
    void run() throws Exception;
  }

  static final class Mock implements AutoCloseable {
    final ApplyTolerantCrudDispatcher dispatcher = new ApplyTolerantCrudDispatcher();
    final KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), dispatcher, false);
    final KubernetesClient client;

    Mock() {
      server.init(java.net.InetAddress.getLoopbackAddress(), 0);
      client = server.createClient();
    }

    int port() {
      return server.getPort();
    }

    Phase measure(String name, Work work) throws Exception {
      int before = dispatcher.requests.size();
      long t0 = System.nanoTime();
      work.run();
      double s = (System.nanoTime() - t0) / 1e9;
      List<String> rs = dispatcher.requests.subList(before, dispatcher.requests.size());
      long gets = rs.stream().filter(r -> r.startsWith("GET ") && !isList(r)).count();
      long lists = rs.stream().filter(KubeBench::isList).count();
      long patches = rs.stream().filter(r -> r.startsWith("PATCH ")).count();
      return new Phase(name, s, rs.size(), gets, lists, patches, "");
    }

    @Override
    public void close() {
      client.close();
      server.destroy();
    }
  }

  /** A GET of a collection: its path ends in a plural (no object name after the kind). */
  static boolean isList(String request) {
    if (!request.startsWith("GET ")) return false;
    String path = request.substring(4).split("\\?")[0];
    String[] parts = path.split("/");
    // /api/v1/namespaces (list) vs /api/v1/namespaces/x (get); /api/v1/namespaces/x/configmaps (list) vs .../configmaps/y (get)
    int start = path.startsWith("/api/") ? 3 : 4;
    int rest = parts.length - start;
    return rest == 1 || (rest == 3 && parts[start].equals("namespaces"));
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Values;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * std/slurm's `slurm` kind, written as a .lab body (issue 23 point 5): over generated labs (workers
 * with and without declared CPUs, memory in decimal and binary units, and GPUs; the controller
 * apart or one of the workers; daemons on or off; a MUNGE key or none), the files are the bytes
 * slurm.conf and gres.conf had when the kind was Java, and the steps and their order are the same.
 */
class SlurmKindPropertyTest {
  record Cpu(int sockets, int cores, int threads) {}

  /** A worker as a lab declares it; memory as written ({@code 1500MB}) and its bytes. */
  record Worker(Cpu cpu, String memory, long memoryBytes, int gpus) {}

  record Lab(List<Worker> workers, boolean controllerIsWorker, boolean daemons, boolean key, String clusterName) {
    String name(int i) { return "gpu-" + (i + 1); }
    String controller() { return controllerIsWorker ? name(0) : "head"; }
    List<String> workerNames() { return java.util.stream.IntStream.range(0, workers.size()).mapToObj(this::name).toList(); }
    Set<String> members() {
      var m = new TreeSet<>(workerNames());
      m.add(controller());
      return m;
    }
  }

  @Provide
  Arbitrary<Lab> labs() {
    Arbitrary<Cpu> cpu = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 128), Arbitraries.integers().between(1, 2)).as(Cpu::new);
    Arbitrary<long[]> memory = Combinators.combine(Arbitraries.integers().between(1, 4_000_000), Arbitraries.of(0, 1, 2))
        .as((n, unit) -> new long[] {n, unit});
    Arbitrary<Worker> worker = Combinators.combine(cpu.injectNull(0.3), memory.injectNull(0.3), Arbitraries.integers().between(0, 8)).as((c, m, g) -> {
      if (m == null) return new Worker(c, null, 0, g);
      long n = m[0];
      return switch ((int) m[1]) {
        case 0 -> new Worker(c, n + "MB", n * 1_000_000L, g);
        case 1 -> new Worker(c, n + "MiB", n << 20, g);
        default -> new Worker(c, (n % 4096 + 1) + "GiB", (n % 4096 + 1) << 30, g);
      };
    });
    return Combinators.combine(worker.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.of("lab", "closet", "uni-hpc")).as(Lab::new);
  }

  static String source(Lab lab) {
    var sb = new StringBuilder("import \"std/slurm\"\n\nparam munge: secret string = env(\"MUNGE_KEY\")\n\n");
    if (!lab.controllerIsWorker()) sb.append("node head {\n  address = 10.0.1.5\n}\n\n");
    for (int i = 0; i < lab.workers().size(); i++) {
      Worker w = lab.workers().get(i);
      sb.append("node ").append(lab.name(i)).append(" {\n  address = 10.0.1.").append(10 + i).append('\n');
      if (w.cpu() != null) {
        sb.append("  cpu {\n    sockets = ").append(w.cpu().sockets()).append("\n    cores_per_socket = ").append(w.cpu().cores())
            .append("\n    threads_per_core = ").append(w.cpu().threads()).append("\n  }\n");
      }
      if (w.memory() != null) sb.append("  memory = ").append(w.memory()).append('\n');
      if (w.gpus() > 0) sb.append("  gpu {\n    model = A100_80GB\n    count = ").append(w.gpus()).append("\n  }\n");
      sb.append("}\n\n");
    }
    sb.append("slurm ").append(lab.clusterName()).append(" {\n  controller = ").append(lab.controller())
        .append("\n  workers = [").append(String.join(", ", lab.workerNames())).append("]\n  cluster_name = \"").append(lab.clusterName())
        .append("\"\n  daemons = ").append(lab.daemons()).append('\n');
    if (lab.key()) sb.append("  munge_key = munge\n");
    return sb.append("}\n").toString();
  }

  /** slurm.conf as SlurmExpansion wrote it (main before the port), from the lab's declarations. */
  static String expectedSlurmConf(Lab lab) {
    var sb = new StringBuilder("# managed by labc\nClusterName=").append(lab.clusterName()).append("\nSlurmctldHost=").append(lab.controller())
        .append("\nAuthType=auth/munge\nGresTypes=gpu\nSelectType=select/cons_tres\nProctrackType=proctrack/cgroup\n");
    for (int i = 0; i < lab.workers().size(); i++) {
      Worker w = lab.workers().get(i);
      sb.append("NodeName=").append(lab.name(i)).append(" NodeAddr=10.0.1.").append(10 + i);
      if (w.cpu() != null) {
        sb.append(" CPUs=").append(w.cpu().sockets() * w.cpu().cores() * w.cpu().threads()).append(" Sockets=").append(w.cpu().sockets())
            .append(" CoresPerSocket=").append(w.cpu().cores()).append(" ThreadsPerCore=").append(w.cpu().threads());
      }
      if (w.memory() != null) sb.append(" RealMemory=").append(w.memoryBytes() >> 20);
      if (w.gpus() > 0) sb.append(" Gres=gpu:").append(w.gpus());
      sb.append(" State=UNKNOWN\n");
    }
    return sb.append("PartitionName=gpu Nodes=").append(String.join(",", lab.workerNames())).append(" Default=YES MaxTime=INFINITE State=UP\n").toString();
  }

  static String expectedGresConf(Lab lab) {
    var sb = new StringBuilder("# managed by labc\n");
    for (int i = 0; i < lab.workers().size(); i++) {
      int g = lab.workers().get(i).gpus();
      if (g > 0) sb.append("NodeName=").append(lab.name(i)).append(" Name=gpu File=/dev/nvidia[0-").append(g - 1).append("]\n");
    }
    return sb.toString();
  }

  static final List<String> CONF = List.of("/etc/slurm/slurm.conf", "/etc/slurm/gres.conf", "/etc/slurm/cgroup.conf");

  @Property(tries = 25)
  void theBodyWritesTheJavaBytesAndSteps(@ForAll("labs") Lab lab) {
    String text = source(lab);
    var checked = Pipeline.check(new SourceFile("t.lab", text), new Evaluator.Options(Map.of(), List.of(), n -> n.equals("MUNGE_KEY") ? "k3y'$(id)" : null));
    // Daemons on two machines need the shared key: E0421, and nothing to plan.
    if (lab.daemons() && !lab.key() && lab.members().size() > 1) {
      assertTrue(checked.diagnostics().stream().anyMatch(d -> d.isError() && d.code() == dev.labc.diag.Code.MUNGE_KEY), () -> checked.diagnostics() + "\n" + text);
      return;
    }
    assertTrue(checked.ok(), () -> checked.diagnostics() + "\n" + text);
    ResourceGraph g = ResourceGraphBuilder.build(checked.evaluation().program());

    var want = new TreeSet<String>();
    for (String m : lab.members()) {
      for (String f : CONF) want.add(file(m, f));
      if (lab.key()) want.add(file(m, "/etc/munge/munge.key"));
      if (lab.daemons()) {
        want.add(step(m, "package", "munge"));
        want.add(step(m, "service", "munge"));
        String daemon = m.equals(lab.controller()) ? "slurmctld" : "slurmd";
        want.add(step(m, "package", daemon));
        want.add(step(m, "service", daemon));
        if (m.equals(lab.controller()) && lab.workerNames().contains(m)) {
          want.add(step(m, "package", "slurmd"));
          want.add(step(m, "service", "slurmd"));
        }
      }
    }
    var got = new TreeSet<String>();
    for (ResourceAddr a : g.resources().keySet()) {
      String s = a.toString();
      if (s.contains("/etc/slurm/") || s.contains("/etc/munge/") || s.matches(".*\\.(package|service)\\[\"(munge|slurmd|slurmctld)\"\\]")) got.add(s);
    }
    assertEquals(want, got, text);

    for (String m : lab.members()) {
      assertEquals(expectedSlurmConf(lab), content(g, file(m, CONF.get(0))), text);
      assertEquals(expectedGresConf(lab), content(g, file(m, CONF.get(1))), text);
      assertEquals("# managed by labc\nCgroupPlugin=autodetect\n", content(g, file(m, CONF.get(2))));
      if (lab.key()) {
        Resource k = g.resources().get(ResourceAddr.parse(file(m, "/etc/munge/munge.key")));
        assertEquals("0400", Values.text(k.attributes().get("mode")));
        assertEquals("munge", Values.text(k.attributes().get("owner")));
        assertEquals(lab.daemons(), k.dependsOn().contains(ResourceAddr.parse(step(m, "package", "munge"))), "the key waits for the package that makes its owner");
      }
      if (!lab.daemons()) continue;
      Resource munge = g.resources().get(ResourceAddr.parse(step(m, "service", "munge")));
      assertEquals(lab.key(), String.valueOf(munge.attributes().get("reload_on")).contains("/etc/munge/munge.key"), "munge restarts on its key");
      for (String daemon : List.of("slurmctld", "slurmd")) {
        Resource svc = g.resources().get(ResourceAddr.parse(step(m, "service", daemon)));
        if (svc == null) continue;
        Resource pkg = g.resources().get(ResourceAddr.parse(step(m, "package", daemon)));
        var deps = new ArrayList<ResourceAddr>();
        for (String f : CONF) {
          assertTrue(String.valueOf(svc.attributes().get("reload_on")).contains(f), daemon + " restarts on " + f);
          // Written before the package, so the daemon's first start reads them.
          assertTrue(pkg.dependsOn().contains(ResourceAddr.parse(file(m, f))), daemon + "'s package after " + f);
          deps.add(ResourceAddr.parse(file(m, f)));
        }
        deps.add(pkg.addr());
        deps.add(munge.addr());
        assertTrue(svc.dependsOn().containsAll(deps), () -> daemon + " on " + m + " after " + deps + ", has " + svc.dependsOn());
      }
    }
  }

  private static String file(String node, String path) { return "node." + node + ".file[\"" + path + "\"]"; }

  private static String step(String node, String type, String name) { return "node." + node + "." + type + "[\"" + name + "\"]"; }

  private static String content(ResourceGraph g, String addr) {
    Resource r = g.resources().get(ResourceAddr.parse(addr));
    assertTrue(r != null, addr);
    return Values.text(r.attributes().get("content"));
  }
}

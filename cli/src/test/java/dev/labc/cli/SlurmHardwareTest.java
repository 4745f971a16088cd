package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.check.FactChecks;
import dev.labc.compile.Checked;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Severity;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Values;
import dev.labc.facts.Cpu;
import dev.labc.facts.HostFacts;
import dev.labc.facts.Memory;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.addr.ResourceAddr;
import dev.labc.runtime.facts.FreeParser;
import dev.labc.runtime.facts.LscpuParser;
import dev.labc.source.SourceFile;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 22: slurm.conf's NodeName lines carry the hardware a worker declares (`cpu`, `memory`),
 * since the real slurmctld otherwise counts each node as 1 CPU and 1 MB; E0429 checks the
 * declaration against what lscpu and free gathered on the node.
 */
class SlurmHardwareTest {
  static String lab(int sockets, int cores, int threads, String memory) {
    return """
        import "std/slurm"
        param key: secret string = "k"
        node head {
          address = 10.0.1.1
        }
        node gpu-1 {
          address = 10.0.1.2
          cpu {
            sockets          = %d
            cores_per_socket = %d
            threads_per_core = %d
          }
          memory = %s
        }
        slurm lab {
          controller = head
          workers    = [gpu-1]
          munge_key  = key
        }
        """.formatted(sockets, cores, threads, memory);
  }

  static Checked check(String lab) {
    var checked = Pipeline.check(new SourceFile("t.lab", lab), new Evaluator.Options(Map.of(), List.of(), name -> null));
    assertTrue(checked.ok(), () -> checked.diagnostics().toString());
    assertEquals(List.of(), checked.diagnostics(), "a worker with its hardware declared checks clean");
    return checked;
  }

  /** slurm.conf's NodeName line for gpu-1, as Key=Value pairs. */
  static Map<String, String> nodeLine(Checked checked) {
    var g = ResourceGraphBuilder.build(checked.evaluation().program());
    String conf = Values.text(g.resources().get(ResourceAddr.parse("node.head.file[\"/etc/slurm/slurm.conf\"]")).attributes().get("content"));
    String line = conf.lines().filter(l -> l.startsWith("NodeName=gpu-1 ")).findFirst().orElseThrow();
    var pairs = new java.util.LinkedHashMap<String, String>();
    for (String pair : line.split(" ")) pairs.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    return pairs;
  }

  static List<Diagnostic> hardwareErrors(Checked checked, Cpu cpu, Memory memory) {
    var facts = Map.of("gpu-1", HostFacts.builder("gpu-1").cpu(cpu).memory(memory).build());
    return FactChecks.run(checked.evaluation().program(), facts).stream().filter(d -> d.code() == Code.FACT_HARDWARE).toList();
  }

  static Memory mebibytes(long mib) { return new Memory(mib << 20, mib << 20, 0, 0); }

  @Property(tries = 40)
  void theNodeLineCarriesTheDeclaredFiguresAndTheNodeThatHasThemPasses(
      @ForAll @IntRange(min = 1, max = 8) int sockets, @ForAll @IntRange(min = 1, max = 128) int cores,
      @ForAll @IntRange(min = 1, max = 4) int threads, @ForAll @IntRange(min = 1, max = 4_000_000) int mib) {
    var checked = check(lab(sockets, cores, threads, mib + "MiB"));
    var line = nodeLine(checked);
    assertEquals(String.valueOf(sockets * cores * threads), line.get("CPUs"));
    assertEquals(List.of(sockets, cores, threads, mib).stream().map(String::valueOf).toList(),
        List.of(line.get("Sockets"), line.get("CoresPerSocket"), line.get("ThreadsPerCore"), line.get("RealMemory")));
    var exact = new Cpu("x86_64", "Xeon", sockets * cores * threads, sockets, cores, threads);
    assertEquals(List.of(), hardwareErrors(checked, exact, mebibytes(mib)), "a node with exactly the declared hardware");
    var bigger = new Cpu("x86_64", "Xeon", 2 * sockets * cores * threads, 2 * sockets, cores, threads);
    assertEquals(List.of(), hardwareErrors(checked, bigger, mebibytes(mib + 1L)), "Slurm may use less than the node has");
  }

  @Property(tries = 40)
  void aFigureAboveTheNodesIsAnErrorNamingWhatWasGathered(
      @ForAll @IntRange(min = 1, max = 8) int sockets, @ForAll @IntRange(min = 2, max = 128) int cores,
      @ForAll @IntRange(min = 1, max = 4) int threads, @ForAll @IntRange(min = 2, max = 4_000_000) int mib,
      @ForAll boolean offline) {
    var checked = check(lab(sockets, cores, threads, mib + "MiB"));
    int declared = sockets * cores * threads;
    // The node has one CPU offline, or one core per socket fewer than declared; and one MiB less.
    var has = offline ? new Cpu("x86_64", "Xeon", declared - 1, sockets, cores, threads)
        : new Cpu("x86_64", "Xeon", sockets * (cores - 1) * threads, sockets, cores - 1, threads);
    var errors = hardwareErrors(checked, has, mebibytes(mib - 1L));
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).message().endsWith("lscpu there shows " + has.sockets() + " sockets x " + has.coresPerSocket() + " cores x "
        + has.threadsPerCore() + " threads = " + has.cpus() + " CPUs"), errors.get(0).message());
    assertTrue(errors.get(1).message().contains("RealMemory=" + mib + " MiB") && errors.get(1).message().endsWith("free there shows " + (mib - 1) + " MiB in total"),
        errors.get(1).message());
    assertTrue(errors.get(1).hint().contains("memory = " + (mib - 1) + "MiB"), errors.get(1).hint());
  }

  /** The H100 node of /work/shared/fixtures (a 16-vCPU VM with 126 GiB): its real lscpu -J and free -b. */
  @Example
  void theRealLscpuAndFreeOfAnH100NodeAgainstASeedsDeclaration() throws Exception {
    var fixtures = ExampleGraphTest.ROOT.resolve("runtime/src/test/resources/facts/fixtures/gpu-node-h100");
    Cpu cpu = new LscpuParser().parse(Files.readString(fixtures.resolve("lscpu.json")));
    Memory memory = new FreeParser().parse(Files.readString(fixtures.resolve("free.txt")));
    // What the node is: 1 socket x 16 cores x 1 thread, 135148564480 bytes = 128887 MiB (and a bit).
    assertEquals(List.of(), hardwareErrors(check(lab(1, 16, 1, "128887MiB")), cpu, memory));
    // What a DGX-class guide would have a lab write: far more than this node has.
    var errors = hardwareErrors(check(lab(2, 56, 2, "2TiB")), cpu, memory);
    assertEquals(List.of(
        "gpu-1 declares 2 sockets x 56 cores x 2 threads = 224 CPUs, but lscpu there shows 1 sockets x 16 cores x 1 threads = 16 CPUs",
        "gpu-1 declares memory 2TiB (RealMemory=2097152 MiB), but free there shows 128887 MiB in total"),
        errors.stream().map(Diagnostic::message).toList());
    assertEquals(List.of(Severity.ERROR, Severity.ERROR), errors.stream().map(Diagnostic::severity).toList());
    // One MiB above the node's total is already too much: slurmd compares whole MiB.
    assertEquals(1, hardwareErrors(check(lab(1, 16, 1, "128888MiB")), cpu, memory).size());
  }
}

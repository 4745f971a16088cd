package dev.labc.cli;

import dev.labc.facts.FactsJson;
import dev.labc.facts.FactsSnapshot;
import dev.labc.facts.HostFacts;
import dev.labc.runtime.facts.FactParseException;
import dev.labc.runtime.facts.FactProbe;
import dev.labc.runtime.facts.FactProbeParser;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.SshTransport;
import dev.labc.runtime.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labc facts FILE [HOST...]}: one batched probe per host, in parallel, printed as JSON. */
@Command(name = "facts", description = "Gather facts (OS, users, packages, mounts, GPUs, ...) from the nodes of FILE and print them as JSON.")
final class FactsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the cluster's .lab file")
  Path file;

  @Parameters(index = "1..*", paramLabel = "HOST", description = "nodes to ask (default: all)")
  List<String> hosts;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Time limit of one host's probe.")
  int timeout;

  @Mixin
  VarOptions vars;

  @Mixin
  SshFlags ssh;

  @Override
  public Integer call() throws Exception {
    return new Run().call();
  }

  /**
   * The probe itself, apart from the options: picocli reflects over the command class, and the JVM
   * links it, on every labc start, even for --help; the SSH types used here are loaded only when facts runs.
   */
  private final class Run {
    int call() throws Exception {
      var result = Pipeline.checkFile(file, vars.options());
      if (result.isEmpty()) return ExitCode.ERRORS;
      Map<String, HostEndpoint> all = NodeEndpoints.of(result.get().evaluation().program());
      var chosen = new TreeMap<String, HostEndpoint>();
      for (String h : hosts == null ? all.keySet() : hosts) {
        if (!all.containsKey(h)) {
          System.err.println("error: no node " + h + " in " + file + " (nodes: " + String.join(", ", all.keySet()) + ")");
          return ExitCode.ERRORS;
        }
        chosen.put(h, all.get(h));
      }
      var facts = new ConcurrentHashMap<String, HostFacts>();
      var errors = new ConcurrentHashMap<String, String>();
      try (var transport = new SshTransport(LazyTransport.sshOptions(ssh)); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (var e : chosen.entrySet()) {
          threads.submit(() -> {
            FactProbe probe = FactProbe.create(List.of());
            try {
              var session = transport.session(e.getValue());
              long sent = System.currentTimeMillis(); // after connecting: the handshake is not the clock's business
              var r = session.exec("sh -s", probe.script().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(timeout));
              facts.put(e.getKey(), FactProbeParser.parse(probe, r.stdoutText(), sent, System.currentTimeMillis()));
            } catch (TransportException | FactParseException ex) {
              errors.put(e.getKey(), ex.getMessage());
            }
          });
        }
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        return ExitCode.ERRORS;
      }
      System.out.println(FactsJson.write(new FactsSnapshot(facts)));
      var failed = new ArrayList<>(new TreeMap<>(errors).entrySet());
      failed.forEach(e -> System.err.println("error: " + e.getKey() + ": " + e.getValue().replaceFirst("^" + e.getKey() + ": ", "")));
      return failed.isEmpty() ? ExitCode.OK : ExitCode.ERRORS;
    }
  }
}

package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.graph.Resource;
import dev.labc.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `import "./m.lab" as a { ... }` twice: two instances of one module with their own params, which
 * may be nodes, lists of nodes and other blocks; their blocks named after the import.
 */
class ModuleInstancesTest {
  static final String HUB = """
      /// The node the hub runs on.
      param on: node
      param port: int(1..65535) = 8000
      /// Nodes whose users may log in.
      param clients: list(node) = []
      param home: storage?

      let conf = "/etc/hub-${port}.conf"

      file config {
        path    = conf
        content = "port = ${port}\\ngpus = ${on.gpu.count}\\nclients = ${join(",", [for n in clients : n.name])}\\nhome = ${home != null ? home.mount : "-"}\\n"
        on      = [on]
      }
      command reload {
        run       = "systemctl reload hub || true"
        on_change = [file.config]
        on        = [on]
      }
      """;

  static final String NODES = """
      node gpu-1 {
        address = 10.0.1.11
        gpu {
          model = H100_SXM
          count = 8
        }
      }
      node gpu-2 {
        address = 10.0.1.12
        gpu {
          model = L40S
          count = 4
        }
      }
      storage home {
        tier   = hot
        kind   = "nfs"
        server = gpu-1
        export = "/srv/home"
        mount  = "/home"
      }
      """;

  @TempDir Path dir;

  Checked check(String main) throws Exception {
    Files.writeString(dir.resolve("hub.lab"), HUB);
    Path root = dir.resolve("main.lab");
    Files.writeString(root, main);
    return Pipeline.check(new SourceFile(root.toString(), main), new Evaluator.Options(Map.of(), List.of(), n -> null));
  }

  static Diagnostic onlyError(Checked c, Code code) {
    var es = c.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertEquals(1, es.size(), () -> "one error expected: " + c.diagnostics());
    assertEquals(code, es.get(0).code(), es.get(0).toString());
    return es.get(0);
  }

  static String at(Diagnostic d) { return d.span().file().text().substring(d.span().start(), d.span().end()); }

  @Test
  void twoImportsUnderTwoNamesAreTwoInstancesWithTheirOwnNodesAndValues() throws Exception {
    var c = check(NODES + """
        import "./hub.lab" as hub_a { on = gpu-1 }
        import "./hub.lab" as hub_b {
          on      = gpu-2
          port    = 8001
          clients = nodes()
          home    = home
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var p = c.evaluation().program();
    assertEquals(new Value.Str("port = 8000\ngpus = 8\nclients = \nhome = -\n"), p.entity("file", "hub_a.config").get("content"));
    assertEquals(new Value.Str("port = 8001\ngpus = 4\nclients = gpu-1,gpu-2\nhome = /home\n"), p.entity("file", "hub_b.config").get("content"));
    var files = c.graph().resources().values().stream().filter(r -> r.type().equals("file") && r.addr().key().startsWith("/etc/hub-")).map(r -> r.addr().toString()).toList();
    assertEquals(List.of("node.gpu-1.file[\"/etc/hub-8000.conf\"]", "node.gpu-2.file[\"/etc/hub-8001.conf\"]"), files);
    Resource reloadB = c.graph().resources().values().stream().filter(r -> r.type().equals("command") && r.addr().key().equals("hub_b.reload")).findFirst().orElseThrow();
    assertEquals("gpu-2", reloadB.addr().scope().name());
  }

  @Test
  void aParamOfTheWrongKindOfBlockIsATypeErrorAtTheValue() throws Exception {
    var c = check(NODES + """
        import "./hub.lab" as hub_a { on = home }
        """);
    Diagnostic d = onlyError(c, Code.TYPE_MISMATCH);
    assertEquals("home", at(d));
    assertTrue(d.span().file().path().endsWith("main.lab"), d.toString());
  }

  @Test
  void aListOfNodesWithTextInItIsATypeErrorAtTheValue() throws Exception {
    var c = check(NODES + """
        import "./hub.lab" as hub_a {
          on      = gpu-1
          clients = [gpu-2, "gpu-3"]
        }
        """);
    Diagnostic d = onlyError(c, Code.TYPE_MISMATCH);
    assertTrue(at(d).contains("gpu-3"), at(d));
  }

  @Test
  void aRequiredParamLeftOutIsReportedAtThatImport() throws Exception {
    var c = check(NODES + """
        import "./hub.lab" as hub_a { on = gpu-1 }
        import "./hub.lab" as hub_b { port = 8001 }
        """);
    Diagnostic d = onlyError(c, Code.MISSING_ATTRIBUTE);
    assertEquals("\"./hub.lab\"", at(d));
    assertTrue(d.span().start() > c.evaluation().modules().stream().filter(t -> t.file().path().endsWith("main.lab")).findFirst().orElseThrow()
        .file().text().indexOf("hub_a"), "the second import: " + d);
  }

  @Test
  void twoInstancesOfOneNameAreDeclaredTwice() throws Exception {
    var c = check(NODES + """
        import "./hub.lab" as hub { on = gpu-1 }
        import "./hub.lab" as hub { on = gpu-2 }
        """);
    Diagnostic d = onlyError(c, Code.DUPLICATE_DECLARATION);
    assertEquals("hub", at(d));
  }

  @Test
  void twoInstancesWritingOnePathOnOneNodeConflict() throws Exception {
    var c = check(NODES + """
        import "./hub.lab" as hub_a { on = gpu-1 }
        import "./hub.lab" as hub_b { on = gpu-1 }
        """);
    var es = c.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertTrue(es.stream().anyMatch(d -> d.code() == Code.GRAPH_CONFLICT && d.message().contains("/etc/hub-8000.conf")), es.toString());
  }
}

package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Templates travel with the module that names them: a kind's body or an instanced module in
 * another directory finds its template beside itself, not beside the importing file; a template
 * sees the node's GPUs and labels and what the kind passes in `vars`.
 */
class TemplatesWithTheirModuleTest {
  @TempDir Path dir;

  static final String HUB_KIND = """
      /// A JupyterHub config rendered from the module's own template.
      @kind
      schema jupyterhub {
        on: node
        port: int(1..65535) = 8000

        file config {
          path     = "/etc/jupyterhub/${self.name}.py"
          template = "templates/config.py.peb"
          vars     = { port = "${port}", instance = self.name }
          on       = [on]
        }
      }
      """;

  static final String TEMPLATE = """
      # {{ vars.instance }} on {{ node.name }} ({{ node.labels.rack }})
      c.JupyterHub.port = {{ vars.port }}
      {% if node.gpu != null %}c.Spawner.environment = {'GPUS': '{{ node.gpu.count }}', 'MODEL': '{{ node.gpu.model }}'}{% else %}# no GPUs{% endif %}
      """;

  static final String NODES = """
      node gpu-1 {
        address = 10.0.1.11
        labels  = { rack = "r1" }
        gpu {
          model = H100_SXM
          count = 8
        }
      }
      node cpu-1 {
        address = 10.0.1.20
        labels  = { rack = "r2" }
      }
      """;

  Checked check(Path root, String text) {
    return Pipeline.check(new SourceFile(root.toString(), text), new Evaluator.Options(Map.of(), List.of(), n -> null));
  }

  static String content(Checked c, String node, String path) {
    Resource r = c.graph().resources().values().stream().filter(x -> x.type().equals("file") && x.addr().key().equals(path) && x.addr().scope().name().equals(node))
        .findFirst().orElseThrow(() -> new AssertionError(path + " on " + node + " in " + c.graph().resources().keySet()));
    return ((Value.Str) r.attributes().get("content")).value();
  }

  @Test
  void aKindsTemplateIsFoundBesideItsModuleAndSeesTheNodesGpusLabelsAndTheKindsVars() throws Exception {
    Path module = Files.createDirectories(dir.resolve("modules/hub"));
    Files.createDirectories(module.resolve("templates"));
    Files.writeString(module.resolve("hub.lab"), HUB_KIND);
    Files.writeString(module.resolve("templates/config.py.peb"), TEMPLATE);
    Path site = Files.createDirectories(dir.resolve("site"));
    String main = NODES + """
        import "../modules/hub/hub.lab"

        jupyterhub main {
          on = gpu-1
        }
        jupyterhub staff {
          on   = cpu-1
          port = 8001
        }
        """;
    var c = check(site.resolve("cluster.lab"), main);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals("# main on gpu-1 (r1)\nc.JupyterHub.port = 8000\nc.Spawner.environment = {'GPUS': '8', 'MODEL': 'H100_SXM'}\n",
        content(c, "gpu-1", "/etc/jupyterhub/main.py"));
    assertEquals("# staff on cpu-1 (r2)\nc.JupyterHub.port = 8001\n# no GPUs\n", content(c, "cpu-1", "/etc/jupyterhub/staff.py"));
  }

  @Test
  void anInstancedModulesTemplateIsFoundBesideTheModule() throws Exception {
    Path module = Files.createDirectories(dir.resolve("modules/hub"));
    Files.createDirectories(module.resolve("templates"));
    Files.writeString(module.resolve("hub.lab"), """
        param on: node
        param port: int(1..65535) = 8000

        file config {
          path     = "/etc/hub-${port}.py"
          template = "templates/config.py.peb"
          vars     = { port = "${port}", instance = "hub-${port}" }
          on       = [on]
        }
        """);
    Files.writeString(module.resolve("templates/config.py.peb"), TEMPLATE);
    var c = check(dir.resolve("cluster.lab"), NODES + """
        import "./modules/hub/hub.lab" as a { on = gpu-1 }
        import "./modules/hub/hub.lab" as b {
          on   = gpu-1
          port = 9000
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertTrue(content(c, "gpu-1", "/etc/hub-9000.py").startsWith("# hub-9000 on gpu-1 (r1)\nc.JupyterHub.port = 9000\n"), content(c, "gpu-1", "/etc/hub-9000.py"));
    assertTrue(content(c, "gpu-1", "/etc/hub-8000.py").startsWith("# hub-8000 on gpu-1"), content(c, "gpu-1", "/etc/hub-8000.py"));
  }

  /**
   * A file declared by a stdlib module (a `std/` path whose text is the jar's) reads its template
   * from the jar: std/os.lab, a file of the jar with no Pebble tags, renders as itself. A path
   * out of std/ is not read, neither from the jar nor from disk.
   */
  @Test
  void aStdlibModulesTemplateIsReadFromTheJarAndNeverFromOutsideStd() throws Exception {
    String core;
    try (var in = getClass().getClassLoader().getResourceAsStream("labc/stdlib/std/core.lab")) {
      core = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var declaring = new SourceFile("std/core.lab", core);
    var span = new dev.labc.source.Span(declaring, 0, 1);
    var node = new dev.labc.eval.Entity("node", "n1", span, new java.util.TreeMap<>(Map.of("address", new Value.Ip("10.0.1.1"))), new java.util.TreeMap<>(), List.of());
    var program = new dev.labc.eval.Program(new java.util.TreeMap<>(Map.of(node.address(), node)), new java.util.TreeMap<>(), new java.util.TreeMap<>());
    java.util.function.Function<String, dev.labc.eval.Entity> file = t -> new dev.labc.eval.Entity("file", "f", span,
        new java.util.TreeMap<>(Map.of("path", new Value.Str("/etc/x"), "template", new Value.Str(t))), new java.util.TreeMap<>(), List.of());
    String expected;
    try (var in = getClass().getClassLoader().getResourceAsStream("labc/stdlib/std/os.lab")) {
      expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertEquals(new dev.labc.graph.FileTemplates.Rendering.Text(expected), dev.labc.graph.FileTemplates.render(program, file.apply("os.lab"), node));
    for (String outside : List.of("../labc/stdlib/std/os.lab", "../../../../etc/hostname", "missing.peb")) {
      var rendering = dev.labc.graph.FileTemplates.render(program, file.apply(outside), node);
      assertTrue(rendering instanceof dev.labc.graph.FileTemplates.Rendering.Failed f && f.message().startsWith("cannot read template"), rendering.toString());
    }
  }
}

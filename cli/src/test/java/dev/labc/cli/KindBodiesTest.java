package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Values;
import dev.labc.eval.Value;
import dev.labc.format.Formatter;
import dev.labc.graph.Resource;
import dev.labc.source.SourceFile;
import dev.labc.syntax.antlr.SyntaxParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/**
 * Kinds with bodies (docs/language.md, "Kinds with bodies"): each block of such a kind becomes
 * the blocks its body declares, named after the block, with the same checks and steps as blocks
 * written at the top level; mistakes in a body are located diagnostics.
 */
class KindBodiesTest {
  static final String VLLM = """
      /// One vLLM server: a model served on a port, from a unit file, restarted when it changes.
      @kind
      schema vllm_server {
        on: node
        model: string
        port: int(1..65535) = 8000

        package python3 {
          on = [on]
        }
        file unit {
          path    = "/etc/systemd/system/vllm-${self.name}.service"
          content = "[Service]\\nExecStart=/opt/vllm/bin/vllm serve ${model} --port ${port} --tensor-parallel-size ${on.gpu.count}\\n"
          on      = [on]
        }
        service "vllm-${self.name}" {
          restart_on = [file.unit]
          on         = [on]
        }
      }

      node gpu-1 {
        address = 10.0.1.11
        gpu {
          model = H100_SXM
          count = 8
        }
      }
      """;

  static Checked check(String text) {
    return Pipeline.check(new SourceFile("kinds.lab", text), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  static List<Diagnostic> errors(Checked c) { return c.diagnostics().stream().filter(Diagnostic::isError).toList(); }

  static Diagnostic onlyError(Checked c, Code code) {
    var es = errors(c);
    assertEquals(1, es.size(), () -> "one error expected: " + c.diagnostics());
    assertEquals(code, es.get(0).code(), es.get(0).toString());
    return es.get(0);
  }

  /** The text a diagnostic points at. */
  static String at(Diagnostic d) { return d.span().file().text().substring(d.span().start(), d.span().end()); }

  static String at(dev.labc.source.Span s) { return s.file().text().substring(s.start(), s.end()); }

  /**
   * Any number of instances, any labels and ports: each gets its own unit file and service with its
   * own values, the package they share is one step, and every step counts as its instance's.
   */
  @Property(tries = 40)
  void everyInstanceHasItsOwnStepsWithItsOwnValues(@ForAll @Size(min = 1, max = 6) @UniqueElements List<@IntRange(min = 1, max = 9999) Integer> ids,
                                                   @ForAll @IntRange(min = 1024, max = 65535) int basePort) {
    var lab = new StringBuilder(VLLM);
    for (int i = 0; i < ids.size(); i++) {
      lab.append("vllm_server m").append(ids.get(i)).append(" {\n  on = gpu-1\n  model = \"org/model-").append(i)
          .append("\"\n  port = ").append(port(basePort, i)).append("\n}\n");
    }
    var c = check(lab.toString());
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var units = new TreeSet<String>();
    for (int i = 0; i < ids.size(); i++) {
      String name = "m" + ids.get(i);
      int port = port(basePort, i);
      Resource unit = step(c, "file", "/etc/systemd/system/vllm-" + name + ".service");
      assertEquals(new Value.Str("[Service]\nExecStart=/opt/vllm/bin/vllm serve org/model-" + i + " --port " + port + " --tensor-parallel-size 8\n"),
          unit.attributes().get("content"));
      Resource service = step(c, "service", "vllm-" + name);
      assertTrue(service.dependsOn().contains(unit.addr()), "the service waits for its own unit: " + service);
      units.add(unit.addr().toString());
      var entity = c.evaluation().program().entity("file", "vllm_server." + name + ".unit");
      assertEquals(List.of("vllm_server." + name), entity.owners());
    }
    assertEquals(ids.size(), units.size());
    assertEquals(1, c.graph().resources().keySet().stream().filter(a -> a.type().equals("package")).count(), "one python3 for all instances");
  }

  static int port(int base, int i) { return 1024 + (base + i) % 60000; }

  static Resource step(Checked c, String type, String key) {
    return c.graph().resources().values().stream().filter(r -> r.addr().type().equals(type) && key.equals(r.addr().key())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + "[" + key + "] in " + c.graph().resources().keySet()));
  }

  @Test
  void aBlockAfterAnInstanceRunsAfterEveryStepTheInstancesBodyDeclared() {
    var c = check(VLLM + """
        vllm_server chat {
          on    = gpu-1
          model = "meta/llama"
        }
        command warm-up {
          run     = "curl -s localhost:8000/health"
          creates = "/var/lib/warm"
          after   = [vllm_server.chat]
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    Resource warm = step(c, "command", "warm-up");
    assertTrue(warm.dependsOn().contains(step(c, "service", "vllm-chat").addr()), warm.toString());
    assertTrue(warm.dependsOn().contains(step(c, "file", "/etc/systemd/system/vllm-chat.service").addr()), warm.toString());
  }

  /**
   * A command in a body is the step `command["KIND.INSTANCE.LABEL"]` on its nodes, so two instances
   * run two commands; `name` names it otherwise (stdlib ports keep their plans' addresses with it),
   * at the top level too.
   */
  @Test
  void aCommandIsNamedAfterItsInstanceInABodyAndByNameWhenSet() {
    var c = check("""
        @kind
        schema warm {
          on: node
          url: string
          command warm-up {
            run     = "curl -s ${sh_quote(url)}"
            creates = "/var/lib/warm"
            on      = [on]
          }
          command other {
            name    = "warm-${self.name}-again"
            run     = "true"
            creates = "/var/lib/warm-again"
            on      = [on]
          }
        }
        node gpu-1 {
          address = 10.0.1.11
        }
        warm chat {
          on  = gpu-1
          url = "http://localhost:8000/health"
        }
        command top {
          name    = "renamed"
          run     = "true"
          creates = "/x"
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals("curl -s http://localhost:8000/health", Values.text(step(c, "command", "warm.chat.warm-up").attributes().get("command")));
    step(c, "command", "warm-chat-again");
    step(c, "command", "renamed");
    assertTrue(c.graph().resources().keySet().stream().noneMatch(a -> a.type().equals("command") && ("top".equals(a.key()) || "other".equals(a.key()))),
        () -> c.graph().resources().keySet().toString());
  }

  @Test
  void aTypeErrorInsideTheBodyPointsAtTheBodyWhereItWasWritten() {
    var c = check(VLLM.replace("= 8000\n", "= 8000\n  mode: string = \"u=rw\"\n")
        .replace("on      = [on]\n  }\n  service", "on      = [on]\n    mode    = mode\n  }\n  service") + """
        vllm_server chat {
          on    = gpu-1
          model = "meta/llama"
        }
        """);
    Diagnostic d = onlyError(c, Code.PATTERN_MISMATCH);
    assertEquals("mode", at(d));
  }

  @Test
  void anAttributeInABodyIsMisplaced() {
    var c = check(VLLM.replace("  package python3 {", "  port = 9000\n  package python3 {") + """
        vllm_server chat {
          on    = gpu-1
          model = "meta/llama"
        }
        """);
    Diagnostic d = onlyError(c, Code.MISPLACED_DECLARATION);
    assertEquals("port = 9000", at(d));
  }

  @Test
  void aRecordSchemaCannotHaveABody() {
    var c = check("""
        schema limits {
          cpus: int = 4
          file x {
            path    = "/tmp/x"
            content = "x"
          }
        }
        """);
    Diagnostic d = onlyError(c, Code.MISPLACED_DECLARATION);
    assertTrue(at(d).startsWith("file x"), at(d));
  }

  @Test
  void aKindWhoseBodyDeclaresItselfIsACycleNotAHang() {
    var c = check("""
        @kind
        schema loop {
          depth: int = 0
          loop "${self.name}-x" {
            depth = depth + 1
          }
        }
        loop a {}
        """);
    Diagnostic d = onlyError(c, Code.CYCLE);
    assertTrue(d.message().contains("more than " + 8 + " deep"), d.message());
  }

  static final String APP = """
      /// A service with its own account: every instance runs as `svc`.
      @kind
      schema app {
        on: node
        uid: int(1000..60000) = 2000

        user svc {
          uid = uid
        }
        package python3 {}
        file "conf" {
          path    = "/etc/app-${self.name}.conf"
          content = "name = ${self.name}\\n"
        }
      }

      node n1 {
        address = 10.0.1.11
      }
      node n2 {
        address = 10.0.1.12
      }
      node n3 {
        address = 10.0.1.13
      }
      """;

  /** The nodes a step of the given type and key is planned on. */
  static Set<String> nodesOf(Checked c, String type, String key) {
    var out = new TreeSet<String>();
    for (var a : c.graph().resources().keySet()) if (a.type().equals(type) && key.equals(a.key())) out.add(a.scope().name());
    return out;
  }

  /**
   * Instances on any subsets of the nodes, sharing an account declared alike (as a NixOS module's
   * equal definitions merge): one account, on exactly the nodes some instance is on, and each of
   * the body's blocks that does not say `on` is on its own instance's node only.
   */
  @Property(tries = 30)
  void instancesShareAnAccountDeclaredAlikeAndTheirBlocksStayOnTheirNodes(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 3) Integer> placed) {
    var lab = new StringBuilder(APP);
    for (int i = 0; i < placed.size(); i++) lab.append("app a").append(i).append(" {\n  on = n").append(placed.get(i)).append("\n}\n");
    var c = check(lab.toString());
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var used = new TreeSet<String>();
    for (int n : placed) used.add("n" + n);
    assertEquals(used, nodesOf(c, "user", "svc"), "the account is on the nodes of the instances");
    assertEquals(used, nodesOf(c, "package", "python3"), "a body's package is on its instances' nodes, not every node");
    for (int i = 0; i < placed.size(); i++) {
      assertEquals(Set.of("n" + placed.get(i)), nodesOf(c, "file", "/etc/app-a" + i + ".conf"), "instance a" + i + "'s file");
    }
  }

  @Test
  void twoInstancesDeclaringOneAccountDifferentlyIsAnErrorAtTheSecondInstance() {
    var c = check(APP + """
        app a {
          on = n1
        }
        app b {
          on  = n2
          uid = 2001
        }
        """);
    Diagnostic d = onlyError(c, Code.DUPLICATE_DECLARATION);
    assertTrue(d.message().contains("`user.svc` is declared again by app `b` with another `uid` than app `a` gives it"), d.message());
    assertTrue(at(d).startsWith("app b {"), at(d));
    assertEquals(1, d.related().size());
    assertTrue(at(d.related().get(0).span()).startsWith("app a {"), d.related().toString());
  }

  @Test
  void aBlockThatSaysOnKeepsIt() {
    var c = check(APP.replace("package python3 {}", "package python3 {\n    on = nodes()\n  }") + """
        app a {
          on = n1
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals(Set.of("n1", "n2", "n3"), nodesOf(c, "package", "python3"));
    assertEquals(Set.of("n1"), nodesOf(c, "user", "svc"));
  }

  @Test
  void anAccountAKindDeclaresAndOneWrittenAtTheTopLevelAreStillDeclaredTwice() {
    var c = check(APP + """
        user svc {
          uid = 2000
        }
        app a {
          on = n1
        }
        """);
    Diagnostic d = onlyError(c, Code.DUPLICATE_DECLARATION);
    assertTrue(d.message().contains("`user.svc` is declared twice"), d.message());
  }

  @Test
  void aCommandInABodyIsTheInstancesUnlessItsNameIsGivenAndTwoDifferentCommandsOfOneNameConflict() {
    String kind = """
        @kind
        schema cache {
          on: node
          dir: string = "/var/cache/app"

          command warm {
            on      = [on]
            run     = "mkdir -p ${dir}"
            creates = dir
          }
          command prune {
            on     = [on]
            name   = "cache-prune"
            run    = "find ${dir} -mtime +7 -delete"
            unless = "false"
          }
        }
        node gpu-1 {
          address = 10.0.1.11
        }
        """;
    // Two instances: each keeps its own `warm` (prefixed); the named step is one when both ask the same.
    var same = check(kind + "cache a {\n  on = gpu-1\n}\ncache b {\n  on = gpu-1\n}\n");
    assertTrue(same.ok(), () -> same.diagnostics().toString());
    step(same, "command", "cache.a.warm");
    step(same, "command", "cache.b.warm");
    assertEquals("find /var/cache/app -mtime +7 -delete", ((Value.Str) step(same, "command", "cache-prune").attributes().get("command")).value());
    // The same name asked two ways on one node would run only one of them: a conflict naming both.
    var differ = check(kind + "cache a {\n  on = gpu-1\n}\ncache b {\n  on = gpu-1\n  dir = \"/srv/cache\"\n}\n");
    Diagnostic d = onlyError(differ, Code.GRAPH_CONFLICT);
    assertTrue(d.message().contains("command cache-prune on node gpu-1"), d.message());
  }

  @Test
  void anUnknownKindInABodyIsReportedWithTheImportItNeeds() {
    var c = check("""
        @kind
        schema app {
          docker engine {
            on = []
          }
        }
        app a {}
        """);
    Diagnostic d = onlyError(c, Code.UNKNOWN_KIND);
    assertTrue(d.hint().contains("import \"std/docker\""), d.hint());
  }

  @Test
  void aBodyMayDeclareAStdlibKindAndEachInstanceGetsItsOwnNginxSite() {
    var c = check("""
        import "std/nginx"

        @kind
        schema jupyterhub {
          on: node
          port: int(1..65535) = 8000

          nginx_proxy hub {
            on       = on
            listen   = port + 1000
            upstream = "http://127.0.0.1:${port}"
          }
        }

        node gpu-1 {
          address = 10.0.1.11
        }
        jupyterhub main {
          on = gpu-1
        }
        jupyterhub staff {
          on   = gpu-1
          port = 8001
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    for (var hub : Map.of("main", 8000, "staff", 8001).entrySet()) {
      String site = ((Value.Str) step(c, "file", "/etc/nginx/sites-available/jupyterhub." + hub.getKey() + ".hub.conf").attributes().get("content")).value();
      assertTrue(site.contains("proxy_pass http://127.0.0.1:" + hub.getValue()) && site.contains("listen " + (hub.getValue() + 1000)), site);
    }
    assertEquals(1, c.graph().resources().keySet().stream().filter(a -> a.type().equals("service")).count(), "one nginx for both sites");
  }

  @Test
  void labcFmtKeepsABodyAndIsStable() {
    String text = VLLM.substring(0, VLLM.indexOf("node gpu-1"));
    var once = Formatter.format(SyntaxParser.parse(new SourceFile("k.lab", text))).text();
    var twice = Formatter.format(SyntaxParser.parse(new SourceFile("k.lab", once))).text();
    assertEquals(once, twice);
    for (String kept : Set.of("package python3 {", "restart_on = [file.unit]", "port: int(1..65535) = 8000")) assertTrue(once.contains(kept), once);
    var bodies = new ArrayList<String>();
    once.lines().filter(l -> l.startsWith("  ") && l.strip().endsWith("{")).forEach(bodies::add);
    assertEquals(3, bodies.size(), once);
  }
}

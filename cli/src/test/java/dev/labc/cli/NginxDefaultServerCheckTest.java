package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.compile.Checked;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * E0426 as a lab meets it through its own kind: each instance of a kind whose body puts nginx in
 * front of it is a default server of port 80, so the second instance on a node would stop nginx.
 * The error names that instance, in the lab's file, not the body's line in the module.
 */
class NginxDefaultServerCheckTest {
  private static final String KIND = """
      import "std/nginx"

      @kind
      schema notebook {
        on: node
        port: int(1..65535)
        nginx_proxy "nb-${self.name}" {
          on       = on
          upstream = "http://127.0.0.1:${port}"
        }
      }

      node ws {
        address = 10.0.1.20
      }
      node gpu-1 {
        address = 10.0.1.11
      }
      """;

  private static List<Diagnostic> check(String text) {
    Checked c = Pipeline.check(new SourceFile("lab.lab", text), new Evaluator.Options(Map.of(), List.of(), name -> null));
    return c.diagnostics().stream().filter(d -> d.code() == Code.NGINX_DEFAULT_SERVER).toList();
  }

  @Test
  void twoInstancesOnOneNodeAreReportedAtTheSecondInstance() {
    String text = KIND + """
        notebook alice {
          on   = ws
          port = 8888
        }
        notebook bob {
          on   = ws
          port = 8889
        }
        """;
    var found = check(text);
    assertEquals(1, found.size(), found.toString());
    Diagnostic d = found.get(0);
    assertTrue(d.isError());
    assertEquals("notebook bob {", text.substring(d.span().start(), d.span().end()).lines().findFirst().orElseThrow());
    assertTrue(d.message().contains("port 80 on node `ws`"), d.message());
  }

  /**
   * The check's premise, from nginx itself: the sites two instances write (here on two nodes, so
   * labc plans them) fail `nginx -t` together, as they would on one node.
   */
  @Test
  void nginxItselfRefusesTwoSuchSitesOnOneNode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Checked c = Pipeline.check(new SourceFile("lab.lab", KIND + """
        notebook alice {
          on   = ws
          port = 8888
        }
        notebook bob {
          on   = gpu-1
          port = 8889
        }
        """), new Evaluator.Options(Map.of(), List.of(), name -> null));
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    String sites = "";
    for (var r : c.graph().resources().values()) {
      if (r.addr().type().equals("file") && r.addr().key().startsWith("/etc/nginx/sites-available/")) {
        sites += ((dev.labc.eval.Value.Str) r.attributes().get("content")).value();
      }
    }
    String out = StdlibKindsTest.nginxTest(sites, dir);
    assertTrue(out.startsWith("exit 1\n") && out.contains("duplicate default server"), out);
  }

  @Test
  void instancesOnTwoNodesOrOnTwoPortsAreFine() {
    assertEquals(List.of(), check(KIND + """
        notebook alice {
          on   = ws
          port = 8888
        }
        notebook bob {
          on   = gpu-1
          port = 8889
        }
        """));
    assertEquals(List.of(), check(KIND + """
        nginx_proxy admin {
          on       = ws
          listen   = 8080
          upstream = "http://127.0.0.1:9000"
        }
        notebook alice {
          on   = ws
          port = 8888
        }
        """));
  }

  @Test
  void aTransformerLabSiteAndAProxyOnOnePortClash() {
    var found = check("""
        import "std/nginx"
        import "std/transformerlab"

        node ws {
          address = 10.0.1.20
        }
        transformerlab {
          on = ws
        }
        nginx_proxy jupyter {
          on       = ws
          upstream = "http://127.0.0.1:8888"
        }
        """);
    assertEquals(1, found.size(), found.toString());
  }
}

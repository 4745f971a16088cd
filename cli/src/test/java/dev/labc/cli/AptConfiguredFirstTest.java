package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.compile.Checked;
import dev.labc.eval.Evaluator;
import dev.labc.graph.Resource;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's mirror: a lab behind a slow or blocked archive switches apt to a mirror before
 * installing anything. So every package on a node waits for the commands that configure apt
 * (`before_packages`, as std/os's apt mirror is), and those do not wait for packages, as other
 * commands do. (Found porting std/os: its mirror came to run after nginx was installed.)
 */
class AptConfiguredFirstTest {
  private static Checked check(String text) {
    return Pipeline.check(new SourceFile("lab.lab", text), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  @Test
  void theOsMirrorAndALabsOwnRepositoryRunBeforeEveryPackageOnTheirNode() {
    var c = check("""
        import "std/os"
        import "std/nginx"

        node web {
          address = 10.0.1.20
        }
        node db {
          address = 10.0.1.21
        }
        os {
          apt_mirror = "http://mirrors.ustc.edu.cn/ubuntu"
        }
        command internal-repo {
          run             = "echo 'deb [trusted=yes] http://repo.lab/ ./' > /etc/apt/sources.list.d/lab.list && apt-get update"
          creates         = "/etc/apt/sources.list.d/lab.list"
          before_packages = true
          on              = [db]
        }
        package postgresql {
          on = [db]
        }
        nginx_proxy ui {
          on       = web
          upstream = "http://127.0.0.1:8080"
        }
        command migrate {
          run     = "true"
          creates = "/var/lib/migrated"
          on      = [db]
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var steps = c.graph().resources();
    Resource nginx = steps.get(ResourceAddr.parse("node.web.package[\"nginx\"]"));
    Resource postgres = steps.get(ResourceAddr.parse("node.db.package[\"postgresql\"]"));
    assertTrue(nginx.dependsOn().contains(ResourceAddr.parse("node.web.command[\"apt-mirror\"]")), nginx.toString());
    assertTrue(postgres.dependsOn().containsAll(List.of(ResourceAddr.parse("node.db.command[\"apt-mirror\"]"),
        ResourceAddr.parse("node.db.command[\"internal-repo\"]"))), postgres.toString());
    assertFalse(postgres.dependsOn().contains(ResourceAddr.parse("node.web.command[\"apt-mirror\"]")), "only on its own node");
    for (String cmd : List.of("node.web.command[\"apt-mirror\"]", "node.db.command[\"apt-mirror\"]", "node.db.command[\"internal-repo\"]")) {
      assertEquals(List.of(), steps.get(ResourceAddr.parse(cmd)).dependsOn().stream().filter(a -> a.type().equals("package")).toList(), cmd);
    }
    // Other commands still run after the node's packages.
    assertTrue(steps.get(ResourceAddr.parse("node.db.command[\"migrate\"]")).dependsOn().contains(postgres.addr()));
  }
}

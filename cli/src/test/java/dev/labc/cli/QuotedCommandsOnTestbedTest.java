package dev.labc.cli;

import static dev.labc.cli.StdlibKindsTest.get;
import static dev.labc.cli.StdlibKindsTest.graph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.eval.Values;
import dev.labc.graph.ResourceGraph;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import org.junit.jupiter.api.Test;

/**
 * The stdlib's rebuilt commands still do what they did, run by a real sh on a host: each line the
 * apt repository steps write is the one the vendor documents (the release codename read on the
 * node), and the SQL determined's role step feeds psql doubles a quote in the password and names
 * the role and database as declared.
 */
@Testbed(hosts = 1)
class QuotedCommandsOnTestbedTest {

  private static String command(ResourceGraph g, String addr) {
    return Values.text(get(g, addr).attributes().get("command"));
  }

  @Test
  void aptSourceLinesAreTheOnesVendorsDocument(TestbedHosts hosts) {
    var g = graph("""
        import "std/docker"
        docker {
          on             = [gpu-1]
          package        = "docker-ce"
          repository     = "https://mirrors.example.org/docker-ce/linux/ubuntu"
          nvidia_runtime = true
        }
        """);
    String codename = hosts.ssh(1, ". /etc/os-release && printf %s \"$VERSION_CODENAME\"").stdout();
    assertTrue(!codename.isBlank(), "the host names its release");
    var docker = hosts.ssh(1, command(g, "node.gpu-1.command[\"apt-source-docker\"]") + " && cat /etc/apt/sources.list.d/docker.list");
    assertEquals(0, docker.exitCode(), docker.stderr());
    assertEquals("deb [signed-by=/usr/share/keyrings/docker.gpg] https://mirrors.example.org/docker-ce/linux/ubuntu " + codename + " stable\n", docker.stdout());
    var nvidia = hosts.ssh(1, command(g, "node.gpu-1.command[\"apt-source-nvidia-container-toolkit\"]") + " && cat /etc/apt/sources.list.d/nvidia-container-toolkit.list");
    assertEquals(0, nvidia.exitCode(), nvidia.stderr());
    assertEquals("deb [signed-by=/usr/share/keyrings/nvidia-container-toolkit.gpg] https://nvidia.github.io/libnvidia-container/stable/deb/$(ARCH) /\n", nvidia.stdout());
  }

  @Test
  void determinedsRoleSqlQuotesThePasswordForSql(TestbedHosts hosts) {
    var g = graph("""
        import "std/determined"
        param db_password: secret string = "s3cr'et \\$HOME `id`"
        determined {
          master      = core
          agents      = [gpu-1]
          version     = "0.38.0"
          db_password = db_password
          db_user     = "det_user"
          db_name     = "det_db"
        }
        """);
    String sql = command(g, "node.core.command[\"determined-db\"]");
    int pipe = sql.lastIndexOf(" | runuser");
    assertTrue(pipe > 0, sql);
    // The SQL half only: what psql would read on stdin, with the password the runtime exports.
    var r = hosts.ssh(1, "export DET_DB_PASSWORD='s3cr'\\''et $HOME `id`'; " + sql.substring(0, pipe));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("CREATE ROLE det_user LOGIN PASSWORD 's3cr''et $HOME `id`';\nCREATE DATABASE det_db OWNER det_user;\n", r.stdout());
  }
}

package dev.labc.lsp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small cluster over two files: the root imports `people.lab`, which declares a group the root uses. */
final class ClusterFixture {
  static final String CLUSTER = """
      import "./people.lab"

      /// The lab's LAN.
      param lan: cidr = 10.0.1.0/24

      circuit closet {
        rating = 9000W
      }

      network lan {
        cidr = lan
      }

      node head {
        address  = 10.0.1.10
        roles    = [controller]
        circuit  = closet
        ssh_port = 2222
      }

      for i in 1..2 {
        node "gpu-${i}" {
          address = cidrhost(lan, 10 + i)
          circuit = closet
          gpu {
            model = A100_80GB
            count = 4
          }
        }
      }

      user alice {
        uid    = 1001
        groups = [research]
        on     = [head, gpu-1]
      }
      """;

  static final String PEOPLE = """
      /// Everyone doing research.
      group research {
        gid = 2000
      }
      """;

  final Path cluster;
  final Path people;

  ClusterFixture(Path dir) throws Exception {
    cluster = dir.resolve("cluster.lab");
    people = dir.resolve("people.lab");
    Files.writeString(cluster, CLUSTER, StandardCharsets.UTF_8);
    Files.writeString(people, PEOPLE, StandardCharsets.UTF_8);
  }

  /** Opens the cluster and waits for its (clean) diagnostics, so later requests see a checked file. */
  void open(LspSession lsp) throws Exception {
    lsp.open(cluster, CLUSTER);
    var d = lsp.diagnosticsFor(cluster);
    if (!d.getDiagnostics().isEmpty()) throw new AssertionError("the fixture must check clean: " + d.getDiagnostics());
  }
}

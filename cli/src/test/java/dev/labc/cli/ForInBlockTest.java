package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `for` (with `if` and `let`) inside a block body: one nested block per pass, where the schema takes a list of them. */
class ForInBlockTest {
  static final String NODES = """
      node gpu-1 {
        address = 10.0.1.75
      }
      """;

  private static Checked check(String text) {
    return Pipeline.check(new SourceFile("t.lab", text), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  private static Diagnostic only(Checked c, Code code) {
    var ds = c.diagnostics().stream().filter(d -> d.code() == code).toList();
    assertEquals(1, ds.size(), () -> "one " + code.id() + " expected: " + c.diagnostics());
    return ds.get(0);
  }

  private static Value.Obj pool(String base, int size) {
    return new Value.Obj(new java.util.TreeMap<>(Map.of("base", new Value.Cidr(base), "size", new Value.Int(size))));
  }

  @Test
  void aForInsideABlockMakesOneListEntryPerPassInOrder() {
    var c = check("import \"std/docker\"\n" + NODES + """
        let pools = [172.240.0.0/16, 172.241.0.0/16, 172.242.0.0/16]
        docker {
          on = [gpu-1]
          for i, base in pools if i != 1 {
            let size = 24 + i
            address_pools {
              base = base
              size = size
            }
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    Value pools = c.evaluation().program().entity("docker", "docker").get("address_pools");
    assertEquals(new Value.ListV(List.of(pool("172.240.0.0/16", 24), pool("172.242.0.0/16", 26))), pools);
  }

  @Test
  void blocksWrittenOutAndBlocksFromAForJoinOneList() {
    var c = check("import \"std/docker\"\n" + NODES + """
        docker {
          on = [gpu-1]
          address_pools {
            base = 172.240.0.0/16
            size = 24
          }
          for n in [25] {
            address_pools {
              base = 172.241.0.0/16
              size = n
            }
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals(new Value.ListV(List.of(pool("172.240.0.0/16", 24), pool("172.241.0.0/16", 25))),
        c.evaluation().program().entity("docker", "docker").get("address_pools"));
  }

  @Test
  void aForInsideANestedRecordBlockAndAnIfInsideTheFor() {
    var c = check("""
        schema disk { device: path, size: size }
        schema rack { name: string, disks: list(disk) = [] }
        @kind
        schema host { rack: rack? }
        host h {
          rack {
            name = "r1"
            for i in 1..4 {
              if i % 2 == 1 {
                disks {
                  device = "/dev/nvme${i}n1"
                  size   = 2TB
                }
              }
            }
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var rack = (Value.Obj) c.evaluation().program().entity("host", "h").get("rack");
    var disks = (Value.ListV) rack.fields().get("disks");
    assertEquals(List.of("/dev/nvme1n1", "/dev/nvme3n1"),
        disks.items().stream().map(d -> ((Value.Str) ((Value.Obj) d).fields().get("device")).value()).toList());
  }

  @Test
  void aForThatRunsNoPassLeavesTheDefault() {
    var c = check("import \"std/docker\"\n" + NODES + """
        docker {
          on = [gpu-1]
          for base in [] {
            address_pools {
              base = base
              size = 24
            }
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals(new Value.ListV(List.of()), c.evaluation().program().entity("docker", "docker").get("address_pools"));
  }

  @Test
  void aSingleRecordMadeOnEveryPassIsE0207WithWhatTheAttributeHolds() {
    var c = check("""
        node gpu-1 {
          address = 10.0.1.75
          for m in [A100_80GB, H100] {
            gpu {
              model = m
              count = 4
            }
          }
        }
        """);
    Diagnostic d = only(c, Code.DUPLICATE_DECLARATION);
    assertEquals("`gpu` is set on more than one pass of a `for` in `node.gpu-1`", d.message());
    assertTrue(d.hint().startsWith("`gpu` takes a single gpu_spec block"), d.hint());
    assertEquals(4, d.span().begin().line());
  }

  @Test
  void anAttributeSetOnEveryPassIsE0207PointingAtAComprehension() {
    var c = check("""
        node gpu-1 {
          address = 10.0.1.75
          for r in [worker, login] {
            roles = [r]
          }
        }
        """);
    Diagnostic d = only(c, Code.DUPLICATE_DECLARATION);
    assertTrue(d.hint().contains("roles = [for x in xs : ...]"), d.hint());
  }

  @Test
  void anAttributeSetOnOnePassOnlyIsFine() {
    var c = check("""
        node gpu-1 {
          address = 10.0.1.75
          for r in [worker, login] if r == login {
            roles = [r]
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals(new Value.ListV(List.of(new Value.EnumV("role", "login"))), c.evaluation().program().entity("node", "gpu-1").get("roles"));
  }

  @Test
  void aKindsBlockMadeInsideABlockSaysToMoveItOut() {
    var c = check("""
        node head {
          address = 10.0.1.10
          for i in 1..2 {
            node "w${i}" {
              address = 10.0.1.20
            }
          }
        }
        """);
    Diagnostic d = only(c, Code.UNKNOWN_ATTRIBUTE);
    assertTrue(d.hint().contains("`node` is a kind"), d.hint());
  }

  @Test
  void aForOverSomethingElseThanAListOrMapIsE0301() {
    var c = check("node a {\n  address = 10.0.1.10\n  for x in 3 {\n    roles = [worker]\n  }\n}\n");
    Diagnostic d = only(c, Code.TYPE_MISMATCH);
    assertTrue(d.message().contains("`for` needs a list or a map"), d.message());
  }

  @Test
  void aLetInsideATopLevelForNamesAValueForItsBlocks() {
    var c = check("""
        for i in 1..3 {
          let last = 10 + i
          node "w${i}" {
            address = cidrhost(10.0.1.0/24, last)
          }
        }
        """);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    Program p = c.evaluation().program();
    assertEquals(new Value.Ip("10.0.1.13"), p.entity("node", "w3").get("address"));
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.check.FactChecks;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.facts.FileFacts;
import dev.labc.facts.FileType;
import dev.labc.facts.HostFacts;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * E0416 on the MUNGE keys the nodes hold (issue 22, SlurmOnTestbedTest on the real daemons): keys
 * that differ are an error, except on nodes whose key this plan writes; where labc distributes the
 * key, the hint gives the repair (the drift check cannot compare a secret file).
 */
class MungeKeyFactsTest {
  static final String NODES = """
      import "std/slurm" as slurm
      param key: secret string = "k"
      node head {
        address = 10.0.1.1
      }
      node gpu-1 {
        address = 10.0.1.2
      }
      node gpu-2 {
        address = 10.0.1.3
      }
      """;

  static List<Diagnostic> mungeErrors(String slurm, Set<String> written) {
    var checked = Pipeline.check(new SourceFile("t.lab", NODES + slurm), new Evaluator.Options(Map.of(), List.of(), name -> null));
    var facts = Map.of("head", withKey("head", "aa"), "gpu-1", withKey("gpu-1", "aa"), "gpu-2", withKey("gpu-2", "bb"));
    return FactChecks.run(checked.evaluation().program(), facts, written).stream().filter(d -> d.code() == Code.FACT_MUNGE_KEY).toList();
  }

  static HostFacts withKey(String host, String sha) {
    return HostFacts.builder(host).file(new FileFacts(FactChecks.MUNGE_KEY, FileType.REGULAR, "0400", "munge", "munge", 1024L, sha, null)).build();
  }

  static final String OWN_KEYS = "slurm {\n  controller = head\n  workers = [gpu-1, gpu-2]\n  daemons = false\n}\n";
  static final String LABC_KEY = "slurm {\n  controller = head\n  workers = [gpu-1, gpu-2]\n  munge_key = key\n}\n";

  @Test
  void keysThatDifferAreAnErrorNamingTheOddNode() {
    var errors = mungeErrors(OWN_KEYS, Set.of());
    assertEquals(List.of("the MUNGE key on gpu-2 differs from the one on gpu-1"), errors.stream().map(Diagnostic::message).toList());
    assertTrue(errors.get(0).hint().contains("declare slurm.munge_key"), errors.get(0).hint());
  }

  @Test
  void whereLabcDistributesTheKeyTheHintGivesTheRepair() {
    var errors = mungeErrors(LABC_KEY, Set.of());
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).hint().contains("labc state rm FILE 'node.gpu-2.file[\"/etc/munge/munge.key\"]'"), errors.get(0).hint());
  }

  @Test
  void aKeyThisPlanWritesIsNoMismatch() {
    assertEquals(List.of(), mungeErrors(LABC_KEY, Set.of("gpu-2")), "gpu-2's key is about to be replaced by labc's");
  }
}

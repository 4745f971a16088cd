package dev.labc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short CI run of the fuzz campaign (issue 27): a fixed seed, so a failure here is the same
 * input on every machine. The long run is bench/fuzz/run.sh; results in docs/reliability.md.
 */
class FuzzCampaignTest {
  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

  @Test
  void mutatedExamplesAndTestProgramsNeverBreakCheckOrTheLanguageServer(@TempDir Path stdlib) throws Exception {
    var campaign = new FuzzCampaign(FuzzCampaign.corpusOf(ROOT), new FuzzCampaign.Duration(10_000), stdlib);
    int count = Integer.getInteger("labc.fuzz.inputs", 60);
    FuzzCampaign.Report r = campaign.run(27, count, new FuzzCampaign.Listener() {
      public void failed(FuzzCampaign.Failure f) { }
      public void progress(FuzzCampaign.Report soFar) { }
    });
    String report = FuzzCampaign.render(r, 27);
    assertEquals(count, r.inputs());
    assertTrue(r.internalErrors().isEmpty() && r.timeouts().isEmpty(), report);
    // The mutations must reach the evaluator, not only the parser: some inputs still check clean.
    assertTrue(r.withErrors() > 0 && r.withErrors() < count, report);
  }
}

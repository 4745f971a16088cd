package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pebble templates of declared files: rendered per node at plan time; a broken one is a located diagnostic. */
class FileTemplateTest {
  static final String LAB = """
      node head {
        address = 10.0.1.10
        roles   = [controller]
      }
      node "gpu-1" {
        address = 10.0.1.11
        roles   = [worker]
      }
      file motd {
        path     = "/etc/motd"
        template = "templates/motd.peb"
        vars     = { lab = "closet" }
      }
      """;

  @Test
  void eachNodeGetsItsOwnRenderingShownInThePlan(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/motd.peb"),
        "{{ node.name }} ({{ node.address }}) in the {{ vars.lab }} lab\n{% for n in nodes %}{{ n.name }}{% if n.roles contains \"worker\" %}*{% endif %} {% endfor %}\n");
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, LAB);
    CliRun plan = CliRun.run("plan", lab.toString());
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("head (10.0.1.10) in the closet lab\n            gpu-1* head \n"), plan.out());
    assertTrue(plan.out().contains("gpu-1 (10.0.1.11) in the closet lab\n"), plan.out());
  }

  @Test
  void anUndefinedVariableOrAMissingTemplateIsADiagnosticAtTheTemplateAttribute(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/motd.peb"), "{{ vars.missing }}\n");
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, LAB);
    CliRun check = CliRun.run("check", lab.toString());
    assertEquals(1, check.exitCode());
    assertTrue(check.err().contains("E0418") && check.err().contains("motd.peb") && check.err().contains("cluster.lab:11:") && !check.err().contains("java.util"), check.err());
    assertFalse(check.err().contains("Exception"), check.err());

    Files.delete(dir.resolve("templates/motd.peb"));
    CliRun missing = CliRun.run("plan", lab.toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("cannot read template motd.peb"), missing.err());
  }

  /**
   * A waiver silences a check's findings, but a template that does not render leaves the file
   * nothing to write: it stays an error (it used to pass the check and crash the graph builder).
   * The same for a manifest that does not parse under a waived kubernetes check.
   */
  @Test
  void aWaiverCannotHideATemplateOrAManifestThatFailsWhereTheGraphIsBuilt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/motd.peb"), "{{ vars.missing }}\n");
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, LAB.replace("file motd {", "@waive(check: \"template\", reason: \"the template is fine\")\nfile motd {") + """
        cluster k3s {
          distribution = "k3s"
          servers      = []
          kubeconfig   = "kubeconfig.yaml"
        }

        @waive(check: "kubernetes", reason: "the manifest is fine")
        manifest broken {
          cluster = k3s
          content = "apiVersion: v1\\nkind: ConfigMap\\n"
        }
        """);
    CliRun check = CliRun.run("check", lab.toString());
    assertEquals(1, check.exitCode(), check.err());
    assertFalse(check.err().contains("internal error"), check.err());
    assertTrue(check.err().contains("error[E0418]: motd.peb: Attribute [missing] does not exist"), check.err());
    assertTrue(check.err().contains("(rendering for node gpu-1)") && check.err().contains("cluster.lab:12:"), check.err());
    assertTrue(check.err().contains("error[E0419]: manifest broken: document 1 (ConfigMap) has no metadata.name"), check.err());
  }
}

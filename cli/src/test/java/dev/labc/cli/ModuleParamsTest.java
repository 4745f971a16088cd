package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `import "./m.lab" { p = v }`: a module's params set by its importer, checked against its `param`s. */
class ModuleParamsTest {
  static final String USERS = """
      /// Who gets an account, in UID order.
      param admins: list(string)
      param first_uid: int(1000..60000) = 1001

      for i, name in admins {
        user "${name}" {
          uid = first_uid + i
        }
      }
      """;

  @TempDir Path dir;

  private Checked check(String main, Map<String, String> env, String... modules) throws Exception {
    for (int i = 0; i < modules.length; i += 2) Files.writeString(dir.resolve(modules[i]), modules[i + 1]);
    Path root = dir.resolve("main.lab");
    Files.writeString(root, main);
    return Pipeline.check(new SourceFile(root.toString(), main), new Evaluator.Options(Map.of(), List.of(), env::get));
  }

  private Checked check(String main, String... modules) throws Exception { return check(main, Map.of(), modules); }

  private static List<Code> codes(Checked c) { return c.diagnostics().stream().map(Diagnostic::code).toList(); }

  private static Diagnostic only(Checked c, Code code) {
    var ds = c.diagnostics().stream().filter(d -> d.code() == code).toList();
    assertEquals(1, ds.size(), () -> "one " + code.id() + " expected: " + c.diagnostics());
    return ds.get(0);
  }

  @Test
  void paramsGivenInTheImportsBracesReachTheModulesBlocks() throws Exception {
    var c = check("""
        import "./users.lab" as users {
          admins    = ["alice", "bob"]
          first_uid = 2001
        }
        """, "users.lab", USERS);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    Program p = c.evaluation().program();
    assertEquals(new Value.Int(2001), p.entity("user", "alice").get("uid"));
    assertEquals(new Value.Int(2002), p.entity("user", "bob").get("uid"));
    assertEquals(2, p.ofKind("user").size());
  }

  @Test
  void aParamLeftOutTakesItsDefaultAndTheImportersParamsAndLetsMayBeUsed() throws Exception {
    var c = check("""
        param people: list(string) = ["carol"]
        let more = ["dave"]
        import "./users.lab" { admins = people + more }
        """, "users.lab", USERS);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals(new Value.Int(1001), c.evaluation().program().entity("user", "carol").get("uid"));
    assertEquals(new Value.Int(1002), c.evaluation().program().entity("user", "dave").get("uid"));
  }

  @Test
  void aMissingRequiredParamIsE0210AtTheImport() throws Exception {
    var c = check("import \"./users.lab\"\n", "users.lab", USERS);
    Diagnostic d = only(c, Code.MISSING_ATTRIBUTE);
    assertEquals("module `./users.lab` needs param `admins` (list of string)", d.message());
    assertEquals(1, d.span().begin().line());
    assertEquals(8, d.span().begin().column());
    assertTrue(d.hint().contains("import \"./users.lab\" { admins = ... }"), d.hint());
  }

  @Test
  void anUnknownParamIsE0209WithASuggestion() throws Exception {
    var c = check("import \"./users.lab\" {\n  admins = []\n  frist_uid = 1\n}\n", "users.lab", USERS);
    Diagnostic d = only(c, Code.UNKNOWN_ATTRIBUTE);
    assertEquals("module `./users.lab` has no param `frist_uid`", d.message());
    assertEquals(3, d.span().begin().line());
    assertTrue(d.hint().contains("first_uid"), d.hint());
  }

  @Test
  void aValueOfTheWrongTypeIsE0301AndOutOfRangeIsE0302() throws Exception {
    var c = check("import \"./users.lab\" { admins = \"alice\" }\n", "users.lab", USERS);
    Diagnostic d = only(c, Code.TYPE_MISMATCH);
    assertTrue(d.message().contains("param `admins` of `./users.lab`"), d.message());
    assertEquals("\"alice\"", d.span().text());

    var c2 = check("import \"./users.lab\" {\n  admins = []\n  first_uid = 7\n}\n", "users.lab", USERS);
    assertTrue(codes(c2).contains(Code.OUT_OF_RANGE), () -> c2.diagnostics().toString());
  }

  @Test
  void aModulesParamIsVisibleOnlyInsideThatModule() throws Exception {
    var c = check("""
        import "./users.lab" { admins = ["alice"] }
        let leak = first_uid
        """, "users.lab", USERS);
    Diagnostic d = only(c, Code.UNKNOWN_NAME);
    assertEquals("unknown name `first_uid`", d.message());
  }

  @Test
  void twoModulesMayDeclareParamsOfTheSameNameAsTheRootFile() throws Exception {
    String team = "param admins: list(string) = [\"erin\"]\nlet team_size = len(admins)\n";
    var c = check("""
        param admins: list(string) = ["root-admin"]
        import "./users.lab" { admins = ["frank"] }
        import "./team.lab"
        node head {
          address = 10.0.1.10
          labels  = { admins = join(",", admins), team = "${team_size}" }
        }
        """, "users.lab", USERS, "team.lab", team);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    var labels = (Value.Obj) c.evaluation().program().entity("node", "head").get("labels");
    assertEquals(new Value.Str("root-admin"), labels.fields().get("admins"));
    assertEquals(new Value.Str("1"), labels.fields().get("team"));
    assertNotNull(c.evaluation().program().entity("user", "frank"));
  }

  @Test
  void aSecretParamTakesASecretAndRefusesPlainText() throws Exception {
    String vpn = """
        import "std/tailscale"
        param key: secret string
        tailscale {
          on       = nodes()
          auth_key = key
        }
        """;
    String nodes = "node head {\n  address = 10.0.1.10\n}\n";
    var ok = check("param ts_key: secret string = env(\"TS_AUTHKEY\")\nimport \"./vpn.lab\" { key = ts_key }\n" + nodes,
        Map.of("TS_AUTHKEY", "tskey-123"), "vpn.lab", vpn);
    assertTrue(ok.ok(), () -> ok.diagnostics().toString());
    Value key = ok.evaluation().program().entity("tailscale", "tailscale").get("auth_key");
    assertEquals("tskey-123", assertInstanceOf(Value.Secret.class, key).value());

    var plain = check("import \"./vpn.lab\" { key = \"tskey-in-the-clear\" }\n" + nodes, "vpn.lab", vpn);
    Diagnostic d = only(plain, Code.SECRET_MISUSE);
    assertTrue(d.message().contains("param `key` of `./vpn.lab` is secret"), d.message());
    assertFalse(plain.diagnostics().toString().contains("tskey-in-the-clear"), "the refused text is not repeated");
  }

  @Test
  void importingAModuleAgainWithOtherValuesIsE0207NamingTheParams() throws Exception {
    String team = "import \"./users.lab\" { admins = [\"bob\"] }\n";
    var c = check("import \"./users.lab\" { admins = [\"alice\"] }\nimport \"./team.lab\"\n", "users.lab", USERS, "team.lab", team);
    Diagnostic d = only(c, Code.DUPLICATE_DECLARATION);
    assertEquals("`./users.lab` is imported again with other values for `admins`", d.message());
    assertEquals(1, d.related().size());
  }

  @Test
  void importingAModuleAgainWithTheSameValuesIsOneModule() throws Exception {
    String team = "import \"./users.lab\" { admins = [\"alice\"] }\n";
    var c = check("import \"./users.lab\" { admins = [\"alice\"], first_uid = 1001 }\nimport \"./team.lab\"\n",
        "users.lab", USERS, "team.lab", team);
    assertTrue(c.ok(), () -> c.diagnostics().toString());
    assertEquals(1, c.evaluation().program().ofKind("user").size());
  }

  @Test
  void aModuleWithoutParamsRefusesBraceValues() throws Exception {
    var c = check("import \"std/nfs\" { server = head }\n");
    Diagnostic d = only(c, Code.UNKNOWN_ATTRIBUTE);
    assertEquals("`std/nfs` declares no params", d.hint());
  }

  @Test
  void aModuleParamAndALetOfTheSameNameInThatModuleAreDeclaredTwice() throws Exception {
    var c = check("import \"./m.lab\" { x = 1 }\n", "m.lab", "param x: int\nlet x = 2\n");
    assertTrue(codes(c).contains(Code.DUPLICATE_DECLARATION), () -> c.diagnostics().toString());
  }
}

package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `labc check` and `labc fmt` as a user meets them: exit codes, streams and files. */
class MainTest {
  @TempDir Path dir;

  private static final String CLEAN = """
      // the head node
      node head {
        address = 10.0.1.10
        roles   = [controller]
      }
      """;

  private static final String UNTIDY = """
      // the head node
      node   head {  address=10.0.1.10 // trailing
      roles = [controller] }
      """;

  private static final String BROKEN = """
      node head {
        address = 10.0.1.300
        ssh_user = "root
      }
      """;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void checkExitsZeroOnACleanFile() throws Exception {
    CliRun r = CliRun.run("check", write("clean.lab", CLEAN).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ok: 1 file checked"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void checkExitsOneAndReportsEveryError() throws Exception {
    Path f = write("broken.lab", BROKEN);
    CliRun r = CliRun.run("check", f.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("error[E0109]"), r.err());
    assertTrue(r.err().contains("error[E0103]"), r.err());
    assertTrue(r.err().contains(f + ":2:13"), r.err());
    assertTrue(r.err().contains("check failed: 2 errors"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void usageErrorsExitOneNeverTwoWhichMeansChangesPresent() {
    assertEquals(1, CliRun.run("check").exitCode(), "no file given");
    assertEquals(1, CliRun.run("check", "--no-such-option", "x.lab").exitCode());
    assertEquals(1, CliRun.run("no-such-command").exitCode());
  }

  @Test
  void jsonOutputIsValidJsonWithTheSameCountAsTheHumanOutput() throws Exception {
    Path f = write("broken.lab", BROKEN);
    CliRun human = CliRun.run("check", f.toString());
    CliRun json = CliRun.run("check", "--format", "json", f.toString());
    assertEquals(1, json.exitCode());
    JsonNode root = new ObjectMapper().readTree(json.out());
    int humanCount = (int) Pattern.compile("(?m)^error\\[E\\d{4}]").matcher(human.err()).results().count();
    assertEquals(humanCount, root.get("diagnostics").size());
    assertEquals(humanCount, root.get("error_count").asInt());
    assertFalse(root.get("valid").asBoolean());
    JsonNode first = root.get("diagnostics").get(0);
    assertEquals("E0109", first.get("code").asText());
    assertEquals(2, first.get("range").get("start").get("line").asInt());
    assertEquals(13, first.get("range").get("start").get("column").asInt());
  }

  @Test
  void jsonOutputForACleanFileIsValidAndEmpty() throws Exception {
    CliRun r = CliRun.run("check", "--format", "json", write("clean.lab", CLEAN).toString());
    assertEquals(0, r.exitCode());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertTrue(root.get("valid").asBoolean());
    assertEquals(0, root.get("diagnostics").size());
  }

  @Test
  void fmtCheckFailsOnAnUntidyFileAndPassesAfterFmt() throws Exception {
    Path f = write("untidy.lab", UNTIDY);
    CliRun check = CliRun.run("fmt", "--check", f.toString());
    assertEquals(1, check.exitCode());
    assertTrue(check.out().contains(f.toString()), "--check lists the file: " + check.out());
    assertEquals(UNTIDY, Files.readString(f), "--check changes nothing");

    CliRun fmt = CliRun.run("fmt", f.toString());
    assertEquals(0, fmt.exitCode(), fmt.err());
    assertEquals(CLEAN.replace("10.0.1.10", "10.0.1.10 // trailing"), Files.readString(f));

    assertEquals(0, CliRun.run("fmt", "--check", f.toString()).exitCode());
  }

  @Test
  void fmtKeepsEveryComment() throws Exception {
    String text = "// one\nnode head { /* two */\n  # three\n  address = 10.0.1.10 /// four\n}\n// five\n";
    Path f = write("comments.lab", text);
    assertEquals(0, CliRun.run("fmt", f.toString()).exitCode());
    String after = Files.readString(f);
    for (String c : new String[] {"// one", "/* two */", "# three", "/// four", "// five"}) {
      assertTrue(after.contains(c), c + " kept in:\n" + after);
    }
  }

  @Test
  void fmtDashReadsStdinAndWritesStdout() {
    CliRun r = CliRun.runWithStdin(UNTIDY, "fmt", "-");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(CLEAN.replace("10.0.1.10", "10.0.1.10 // trailing"), r.out());
  }

  @Test
  void fmtRefusesAFileWithSyntaxErrorsAndLeavesItAlone() throws Exception {
    Path f = write("broken.lab", BROKEN);
    CliRun r = CliRun.run("fmt", f.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("error[E0103]"), r.err());
    assertEquals(BROKEN, Files.readString(f));
  }

  @Test
  void aMissingFileIsAClearErrorWithExitOne() {
    String missing = dir.resolve("nope.lab").toString();
    for (String cmd : new String[] {"check", "fmt"}) {
      CliRun r = CliRun.run(cmd, missing);
      assertEquals(1, r.exitCode(), cmd);
      assertTrue(r.err().contains("file not found: " + missing), cmd + ": " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void aDirectoryIsAClearErrorWithExitOne() {
    for (String cmd : new String[] {"check", "fmt"}) {
      CliRun r = CliRun.run(cmd, dir.toString());
      assertEquals(1, r.exitCode(), cmd);
      assertTrue(r.err().contains(dir + " is a directory"), cmd + ": " + r.err());
    }
  }
}

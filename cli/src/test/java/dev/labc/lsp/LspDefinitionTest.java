package dev.labc.lsp;

import static dev.labc.lsp.ClusterFixture.CLUSTER;
import static dev.labc.lsp.ClusterFixture.PEOPLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go-to-definition: within the file, into an imported file, and into the bundled stdlib (copied to a read-only file). */
class LspDefinitionTest {
  @TempDir Path dir;
  LspSession lsp;
  ClusterFixture fx;
  Path stdlibDir;

  @BeforeEach
  void start() throws Exception {
    stdlibDir = dir.resolve("stdlib");
    lsp = new LspSession(stdlibDir);
    fx = new ClusterFixture(dir);
    fx.open(lsp);
  }

  @AfterEach
  void stop() throws Exception { lsp.close(); }

  @Test
  void referenceGoesToTheLabelOfItsBlock() throws Exception {
    Position use = Texts.at(CLUSTER, "closet", 1);
    Location def = single(lsp.definition(fx.cluster, use.getLine(), use.getCharacter()));
    assertEquals(LspSession.uri(fx.cluster), def.getUri());
    assertEquals(Texts.rangeOf(CLUSTER, "closet", 0), def.getRange());
  }

  @Test
  void paramAndLoopVariableGoToWhereTheyAreBound() throws Exception {
    Position param = Texts.at(CLUSTER, "cidr = lan");
    Location p = single(lsp.definition(fx.cluster, param.getLine(), param.getCharacter() + "cidr = ".length()));
    assertEquals(Texts.rangeOf(CLUSTER, "lan", 0), p.getRange()); // `param lan`
    Position loopVar = Texts.at(CLUSTER, "${i}");
    Location i = single(lsp.definition(fx.cluster, loopVar.getLine(), loopVar.getCharacter() + 2));
    assertEquals(Texts.rangeOf(CLUSTER, "i in 1..2", 0).getStart(), i.getRange().getStart());
  }

  @Test
  void referenceToAnImportedEntityGoesIntoTheImportedFile() throws Exception {
    Position use = Texts.at(CLUSTER, "research");
    Location def = single(lsp.definition(fx.cluster, use.getLine(), use.getCharacter() + 1));
    assertEquals(LspSession.uri(fx.people), def.getUri());
    assertEquals(Texts.rangeOf(PEOPLE, "research", 1), def.getRange()); // the 0th is in the doc comment
  }

  @Test
  void importPathGoesToTheModule() throws Exception {
    Position path = Texts.at(CLUSTER, "./people.lab");
    Location def = single(lsp.definition(fx.cluster, path.getLine(), path.getCharacter() + 3));
    assertEquals(LspSession.uri(fx.people), def.getUri());
    assertEquals(new Range(new Position(0, 0), new Position(0, 0)), def.getRange());
  }

  @Test
  void kindGoesToItsSchemaInTheStdlib() throws Exception {
    Position kind = Texts.at(CLUSTER, "node head");
    Location def = single(lsp.definition(fx.cluster, kind.getLine(), kind.getCharacter() + 1));
    Path file = Path.of(URI.create(def.getUri()));
    assertEquals(stdlibDir.resolve("std/core.lab").toAbsolutePath(), file);
    String core = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(LspHoverTest.coreLab(), core);
    assertFalse(Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), "the stdlib copy is read-only");
    assertEquals(Texts.rangeOf(core, "node", Texts.countBefore(core, "schema node") ), def.getRange());
    assertTrue(lineOf(core, def.getRange()).startsWith("schema node {"), lineOf(core, def.getRange()));
  }

  @Test
  void attributeGoesToItsFieldInTheStdlibAndTheCopyCanBeBrowsed() throws Exception {
    Position attr = Texts.at(CLUSTER, "ssh_port");
    Location def = single(lsp.definition(fx.cluster, attr.getLine(), attr.getCharacter()));
    Path file = Path.of(URI.create(def.getUri()));
    String core = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(lineOf(core, def.getRange()).strip().startsWith("ssh_port: int(1..65535)"), lineOf(core, def.getRange()));

    // The editor opens the copy: it is checked as `std/core.lab`, with no diagnostics of its own, and hover works in it.
    lsp.open(file, core);
    assertEquals(List.of(), lsp.diagnosticsFor(file).getDiagnostics());
    Position gpu = Texts.at(core, "gpu_spec?");
    Location spec = single(lsp.definition(file, gpu.getLine(), gpu.getCharacter() + 1));
    assertEquals(def.getUri(), spec.getUri());
    assertTrue(lineOf(core, spec.getRange()).startsWith("schema gpu_spec {"), lineOf(core, spec.getRange()));
  }

  private static String lineOf(String text, Range r) {
    return text.lines().toList().get(r.getStart().getLine());
  }

  private static Location single(List<? extends Location> ls) {
    assertEquals(1, ls.size(), "one location: " + ls);
    return ls.get(0);
  }
}

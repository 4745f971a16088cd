package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands people wait on load none of the runtime's libraries. picocli reflects over every
 * command class at each start, and the JVM verifies what it links; a runtime type in a command
 * class's fields, method signatures or catch clauses made `labc --help` load (and, from a signed
 * jar, signature-check) JGit and lsp4j: bench/README.md, "Start-up". Each case is a fresh JVM
 * logging the classes it loads.
 */
class StartupClassesTest {
  /** Packages only plan, apply, facts, state and lsp may load. */
  static final List<String> RUNTIME_ONLY = List.of("dev.labc.runtime.", "dev.labc.lsp.", "org.eclipse.jgit.",
      "org.apache.sshd.", "io.fabric8.", "org.eclipse.lsp4j.", "com.google.gson.", "com.fasterxml.jackson.");

  static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  /** A mistyped command: picocli builds every command from its class, as `labc help CMD` does. */
  @Test
  void theWholeCommandTreeLoadsNoRuntimeLibrary() throws Exception {
    List<String> loaded = loadedClasses(1, "chek");
    assertTrue(loaded.contains("dev.labc.cli.ApplyCommand") && loaded.contains("picocli.CommandLine"), "the whole tree was not built");
    assertOnlyCompilerAndCli(loaded);
  }

  /** The usage pages are read from the jar (HelpPages): no picocli, no command class. */
  @Test
  void helpAndVersionLoadNoPicocliAndNoCommand() throws Exception {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"plan", "--help"}, new String[] {"--version"})) {
      List<String> loaded = loadedClasses(0, args);
      assertTrue(loaded.contains("dev.labc.cli.HelpPages"), "not printed from the pages: " + List.of(args));
      var offending = loaded.stream().filter(c -> c.startsWith("picocli.") || c.endsWith("Command")).toList();
      assertEquals(List.of(), offending, "labc " + String.join(" ", args));
      String out = Files.readString(dir.resolve("out.txt"));
      assertTrue(out.startsWith(args[0].equals("--version") ? "labc " + Main.VERSION : "Usage: labc"), out);
    }
  }

  @Test
  void checkLoadsNoRuntimeLibrary() throws Exception {
    List<String> loaded = loadedClasses(0, "check", ROOT.resolve("examples/closet-cluster/cluster.lab").toString());
    assertTrue(loaded.contains("dev.labc.eval.Evaluator"), "check evaluated nothing? " + loaded.size() + " classes");
    // check builds the steps to find conflicts and cycles (issue 19); the stdlib expansions of this
    // example (tailscale, skypilot) render JSON with Jackson, which is compiler code's library too.
    // Still no JGit, SSH, Kubernetes client or LSP.
    assertOnlyCompilerAndCli(loaded, List.of("com.fasterxml.jackson."));
  }

  private static void assertOnlyCompilerAndCli(List<String> loaded) {
    assertOnlyCompilerAndCli(loaded, List.of());
  }

  private static void assertOnlyCompilerAndCli(List<String> loaded, List<String> allowed) {
    assertTrue(loaded.contains("dev.labc.cli.Main"), "the class-load log names no labc class: " + loaded.size() + " lines");
    var offending = loaded.stream().filter(c -> RUNTIME_ONLY.stream().anyMatch(c::startsWith) && allowed.stream().noneMatch(c::startsWith)).toList();
    assertEquals(List.of(), offending, "loaded at start-up; keep these types out of command classes (see ApplyCommand.Run)");
  }

  private List<String> loadedClasses(int expectedExit, String... args) throws Exception {
    Path log = dir.resolve("classes.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    var cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), "dev.labc.cli.Main"));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("TS_AUTHKEY", "test");
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("labc " + String.join(" ", args) + " did not finish");
    }
    assertEquals(expectedExit, p.exitValue(), Files.readString(dir.resolve("out.txt")));
    var names = new ArrayList<String>();
    // Lines look like: [0.021s][info][class,load] java.lang.Object source: shared objects file
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("] ", line.indexOf("class,load"));
      if (at < 0) continue;
      String rest = line.substring(at + 2);
      int space = rest.indexOf(' ');
      names.add(space < 0 ? rest : rest.substring(0, space));
    }
    return names;
  }
}

package dev.labc.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run the {@code labc} launcher records its start-up cache from (JDK 25's
 * {@code -XX:AOTCacheOutput}, AppCDS's {@code -XX:ArchiveClassesAtExit} on JDK 21-24): the
 * commands whose start-up people wait on, in one JVM, output discarded. The classes they load
 * (and, on JDK 25, their linked state) come from the cache on later runs. Reads the files named,
 * writes nothing.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) {
    PrintStream out = System.out, err = System.err;
    var sink = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(sink);
    System.setErr(sink);
    try {
      Main.run("--help");
      Main.run("--version");
      Main.run("check", "--help");
      for (String file : args) {
        Main.run("check", file);
        Main.run("check", "--format", "json", file);
        Main.run("fmt", "--check", file);
        Main.run("graph", file);
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}

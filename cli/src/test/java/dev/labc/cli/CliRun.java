package dev.labc.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of {@link Main#run} with stdin given and stdout and stderr captured. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(String... args) {
    return runWithStdin("", args);
  }

  /** With {@code env} over the process's environment, as `NAME=value labc ...` in a shell (for `env()` params). */
  static CliRun runWithEnv(java.util.Map<String, String> env, String... args) {
    return Environment.with(env, () -> run(args));
  }

  static synchronized CliRun runWithStdin(String stdin, String... args) {
    PrintStream oldOut = System.out, oldErr = System.err;
    InputStream oldIn = System.in;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = Main.run(args);
      System.out.flush();
      System.err.flush();
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }
}

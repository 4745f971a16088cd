package dev.labc.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of {@link Main#run} with stdin given and stdout and stderr captured. */
record CliRun(int exitCode, String out, String err) {

  /**
   * Values for the secret params of examples/ (each an `env()` default): plan refuses to run with
   * one unset, as it should for a user, so tests that plan the examples set them the way a shell would.
   */
  static final java.util.Map<String, String> EXAMPLE_SECRETS = java.util.Map.of(
      "TS_AUTHKEY", "tskey-test-example", "DET_DB_PASSWORD", "det-test-example", "MINIO_ROOT_PASSWORD", "minio-test-example",
      "RKE2_TOKEN", "rke2-test-example", "RANCHER_BOOTSTRAP_PASSWORD", "rancher-test-example",
      "MUNGE_KEY", "munge-test-example");

  /** As {@link #run}, with the examples' secrets set. */
  static CliRun runExample(String... args) {
    return runWithEnv(EXAMPLE_SECRETS, args);
  }

  static CliRun run(String... args) {
    return runWithStdin("", args);
  }

  /** With the usage in colour or not, as on a terminal or off one. */
  static CliRun runColored(boolean color, String... args) {
    return capture("", () -> Main.run(color, args));
  }

  /** With {@code env} over the process's environment, as `NAME=value labc ...` in a shell (for `env()` params). */
  static CliRun runWithEnv(java.util.Map<String, String> env, String... args) {
    return Environment.with(env, () -> run(args));
  }

  static CliRun runWithStdin(String stdin, String... args) {
    return capture(stdin, () -> Main.run(args));
  }

  private static synchronized CliRun capture(String stdin, java.util.function.IntSupplier command) {
    PrintStream oldOut = System.out, oldErr = System.err;
    InputStream oldIn = System.in;
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = command.getAsInt();
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

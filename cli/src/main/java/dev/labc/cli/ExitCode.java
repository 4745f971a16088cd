package dev.labc.cli;

/** Process exit codes, chosen to fit CI: 0 ok, 1 errors found, 2 usage or changes pending. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERRORS = 1;
  /** Bad command-line usage (picocli's convention), or "changes present" for `plan --detailed-exitcode`. */
  public static final int USAGE = 2;
  public static final int CHANGES = 2;
  /** An unexpected exception: a labc bug, never the user's input. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}

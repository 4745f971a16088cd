package dev.labc.cli;

/**
 * Process exit codes, chosen to fit CI: 0 ok, 1 errors (bad usage among them), 2 changes present
 * (only `plan --detailed-exitcode`), 70 a labc bug. A mistyped flag once exited 2, which CI read as
 * "changes present".
 */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERRORS = 1;
  /** Bad command-line usage: an error like any other, so never mistaken for "changes present". */
  public static final int USAGE = 1;
  /** "Changes present", from `plan --detailed-exitcode` only. */
  public static final int CHANGES = 2;
  /** An unexpected exception: a labc bug, never the user's input. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}

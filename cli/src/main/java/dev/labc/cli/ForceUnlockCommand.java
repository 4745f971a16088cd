package dev.labc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code labc force-unlock FILE ID}: clears the lock a crashed apply left, if ID names it. */
@Command(name = "force-unlock", description = "Clear the state lock left by a crashed apply (ID as the refusal printed it).")
final class ForceUnlockCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE") Path lab;
  @Parameters(index = "1", paramLabel = "ID") String id;

  @Override
  public Integer call() throws Exception {
    return StateActions.forceUnlock(lab, id);
  }
}

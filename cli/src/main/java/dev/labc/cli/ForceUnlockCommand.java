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
    return StateCommand.guarded(() -> {
      var store = StateCommand.store(lab);
      var holder = store.currentLock();
      if (holder.isEmpty()) {
        System.out.println("The state is not locked.");
        return ExitCode.OK;
      }
      store.forceUnlock(id);
      System.out.println("Cleared the lock " + id + " held by " + holder.get().who() + " for " + holder.get().operation() + ".");
      return ExitCode.OK;
    });
  }
}

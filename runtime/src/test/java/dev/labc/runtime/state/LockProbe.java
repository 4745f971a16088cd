package dev.labc.runtime.state;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a second JVM by the lock tests: takes the state lock the way another labc would.
 * {@code try DIR [URL]} prints {@code ACQUIRED id} or {@code LOCKED holder-id holder-pid} and exits;
 * {@code hold DIR [URL]} prints {@code ACQUIRED id} and keeps the lock until stdin closes.
 */
public final class LockProbe {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    GitStateStore store = args.length > 2 ? GitStateStore.remote(dir, args[2], GitStateStore.DEFAULT_BRANCH)
        : GitStateStore.local(dir);
    try (StateLock lock = store.lock("apply")) {
      System.out.println("ACQUIRED " + lock.info().id() + " " + ProcessHandle.current().pid());
      System.out.flush();
      if (args[0].equals("hold")) {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
    } catch (StateLockedException e) {
      System.out.println("LOCKED " + e.holder().id() + " " + e.holder().pid());
      System.exit(3);
    }
  }
}

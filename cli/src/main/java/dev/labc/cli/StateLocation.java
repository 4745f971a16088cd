package dev.labc.cli;

import dev.labc.runtime.state.GitStateStore;
import java.nio.file.Path;

/**
 * Where a lab's state lives: the git repository {@code .labstate/} beside the .lab file, or, with
 * {@code LABC_STATE_REPO} set (a git URL or path; branch {@code LABC_STATE_BRANCH}, default main),
 * a clone of that repository in {@code .labstate/}, fetched before reading and pushed after writing.
 */
final class StateLocation {
  private StateLocation() {}

  static GitStateStore of(Path labFile) {
    return of(labFile, System.getenv());
  }

  static GitStateStore of(Path labFile, java.util.Map<String, String> env) {
    String repo = env.get("LABC_STATE_REPO");
    GitStateStore store;
    if (repo == null || repo.isBlank()) {
      store = GitStateStore.besideLabFile(labFile);
    } else {
      String branch = env.getOrDefault("LABC_STATE_BRANCH", GitStateStore.DEFAULT_BRANCH);
      Path clone = labFile.toAbsolutePath().getParent().resolve(GitStateStore.DEFAULT_DIR);
      store = GitStateStore.remote(clone, repo, branch.isBlank() ? GitStateStore.DEFAULT_BRANCH : branch);
    }
    return store.withLabcVersion(Main.VERSION);
  }
}

package dev.labc.runtime.state;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/** Real git repositories for tests. */
final class GitRepos {
  private GitRepos() {}

  /** A bare repository standing in for the shared state remote. */
  static String bareRemote(Path dir) throws Exception {
    try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      return dir.toUri().toString();
    }
  }
}

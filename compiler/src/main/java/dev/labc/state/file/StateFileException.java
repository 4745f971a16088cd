package dev.labc.state.file;

import java.util.Objects;

/**
 * A state file that cannot be read: which file, what is wrong, and what the user can do about it.
 * Meant to be shown as is, without a stack trace: {@code FILE: MESSAGE} then {@code hint: HINT}.
 */
public final class StateFileException extends RuntimeException {
  private final String file;
  private final String problem;
  private final String hint;

  public StateFileException(String file, String problem, String hint) {
    super(file + ": " + problem, null, false, false);
    this.file = Objects.requireNonNull(file);
    this.problem = Objects.requireNonNull(problem);
    this.hint = Objects.requireNonNull(hint);
  }

  /** The file's path relative to the state directory, or with the prefix given to {@link #inDirectory}. */
  public String file() {
    return file;
  }

  public String problem() {
    return problem;
  }

  public String hint() {
    return hint;
  }

  /** The same error with the file named as {@code directory/file}, for showing to users. */
  public StateFileException inDirectory(String directory) {
    return new StateFileException(directory + "/" + file, problem, hint);
  }
}

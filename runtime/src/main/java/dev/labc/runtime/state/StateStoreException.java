package dev.labc.runtime.state;

/**
 * A state store operation that could not be done, with a hint saying what the user can do. Shown
 * as {@code error: MESSAGE} and {@code hint: HINT}, never with a stack trace.
 */
public class StateStoreException extends RuntimeException {
  private final String hint;

  public StateStoreException(String message, String hint) {
    this(message, hint, null);
  }

  public StateStoreException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  public String hint() {
    return hint;
  }
}

package dev.labc.runtime.state;

/**
 * The state changed under us: another apply wrote (locally or on the remote) after this one read.
 * Nothing is overwritten; the caller plans again.
 */
public final class StateMovedException extends StateStoreException {
  public StateMovedException(String message) {
    super(message, "run `labc plan` again to plan against the current state");
  }
}

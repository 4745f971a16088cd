package dev.labc.runtime.state;

/** Someone else holds the state lock; {@link #holder()} says who, where, since when and doing what. */
public final class StateLockedException extends StateStoreException {
  private final LockInfo holder;

  public StateLockedException(LockInfo holder, String where) {
    super("state is locked" + where + " by " + holder.who() + " (pid " + holder.pid() + ", "
            + holder.operation() + ", labc " + holder.labcVersion() + ", since " + holder.created()
            + "), lock id " + holder.id(),
        "wait for that " + holder.operation() + " to finish; if it crashed, run `labc force-unlock "
            + holder.id() + "`");
    this.holder = holder;
  }

  public LockInfo holder() {
    return holder;
  }
}

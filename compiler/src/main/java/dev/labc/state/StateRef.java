package dev.labc.state;

import java.util.Objects;
import java.util.Optional;

/**
 * Names one revision of a state: what a saved plan was made against, and what apply compares with
 * the store's current revision to refuse a stale plan.
 *
 * @param commitId the git commit that holds this revision; empty when nothing was written yet
 */
public record StateRef(Lineage lineage, long serial, Optional<String> commitId) {
  public StateRef {
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(commitId, "commitId");
  }

  /** How {@code this}, the revision a plan was made against, relates to {@code current}. */
  public Freshness against(StateRef current) {
    // Nothing written on either side: an empty store gets a fresh lineage on every read.
    if (commitId.isEmpty() && current.commitId.isEmpty()) {
      return Freshness.CURRENT;
    }
    if (!lineage.equals(current.lineage)) {
      return Freshness.OTHER_LINEAGE;
    }
    return serial == current.serial && commitId.equals(current.commitId) ? Freshness.CURRENT : Freshness.STALE;
  }

  public enum Freshness {
    /** Nothing was written since: the plan may be applied. */
    CURRENT,
    /** Same history, but the state moved on: plan again. */
    STALE,
    /** A different state altogether (another lab, or the state was re-created). */
    OTHER_LINEAGE
  }
}

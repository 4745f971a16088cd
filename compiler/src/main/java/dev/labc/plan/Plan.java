package dev.labc.plan;

import java.util.List;

/**
 * A plan: the changes in apply order (dependencies first; deletes last, in reverse dependency
 * order), the state revision it was made against and a digest of every input, so a saved plan
 * is applied exactly or refused as stale.
 */
public record Plan(String formatVersion, String labcVersion, String source, String inputsDigest,
                   String priorLineage, long priorSerial, List<Change> changes) {
  public static final String FORMAT_VERSION = "1";

  public Plan {
    changes = List.copyOf(changes);
  }

  public long count(Action a) { return changes.stream().filter(c -> c.action() == a).count(); }

  public boolean hasChanges() { return changes.stream().anyMatch(c -> c.action() != Action.NO_OP); }

  /** Terraform's closing line, the one people grep for. */
  public String summary() {
    if (!hasChanges()) return "No changes. The cluster matches the configuration.";
    long add = count(Action.CREATE) + count(Action.REPLACE);
    long change = count(Action.UPDATE);
    long destroy = count(Action.DELETE) + count(Action.REPLACE);
    return "Plan: " + add + " to add, " + change + " to change, " + destroy + " to destroy.";
  }
}

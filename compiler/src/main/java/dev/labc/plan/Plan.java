package dev.labc.plan;

import java.util.List;

/**
 * A plan: the changes in apply order (dependencies first; deletes last, in reverse dependency
 * order), the state revision it was made against and a digest of every input, so a saved plan
 * is applied exactly or refused as stale.
 *
 * @param inputs what shaped the plan, each input by name ({@code var-file hosts.lab},
 *     {@code template slurm.conf.tmpl}, {@code param gpus}) with its value or contents digest; a saved
 *     plan is re-made from these alone, and staleness names the entries that differ. Empty in plans
 *     made before labc recorded them.
 * @param disruptions the drains, reboots and rollout batches around the disruptive changes; {@link Disruptions#NONE}
 *     in plans made before labc recorded them (format "4" and older)
 */
public record Plan(String formatVersion, String labcVersion, String source, String inputsDigest,
                   String priorLineage, long priorSerial, java.util.SortedMap<String, String> inputs, List<Change> changes,
                   Disruptions disruptions) {
  /** The first format: values in the plan's own encoding, a step's watched files one comma-joined text. */
  static final String FORMAT_VERSION_1 = "1";
  /** "1" with a contents table of large texts, referenced by digest. */
  static final String CONTENTS_FORMAT_VERSION_2 = "2";
  /** Values in the encoding state uses ({@code ValueCodec}: {@code $secret}, {@code $content}, maps as objects), a contents table when needed. */
  static final String VALUE_CODEC_FORMAT_VERSION_3 = "3";
  /** "3" with a step's watched files a list of addresses ({@link HostStep.Watch}). */
  static final String WATCH_FORMAT_VERSION_4 = "4";
  /**
   * What plans are written as: "4" with the plan's {@link Disruptions} (drains, reboots, the rollout's
   * batch size and batches), so a saved plan keeps its batches; 1 to 4 are still read.
   */
  public static final String FORMAT_VERSION = "5";

  public Plan {
    inputs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(inputs));
    changes = List.copyOf(changes);
    java.util.Objects.requireNonNull(disruptions, "disruptions");
  }

  /** A plan with nothing recorded about disruptions (yet: see {@link #withDisruptions}). */
  public Plan(String formatVersion, String labcVersion, String source, String inputsDigest,
              String priorLineage, long priorSerial, java.util.SortedMap<String, String> inputs, List<Change> changes) {
    this(formatVersion, labcVersion, source, inputsDigest, priorLineage, priorSerial, inputs, changes, Disruptions.NONE);
  }

  /** A plan with no recorded inputs besides its digest. */
  public Plan(String formatVersion, String labcVersion, String source, String inputsDigest,
              String priorLineage, long priorSerial, List<Change> changes) {
    this(formatVersion, labcVersion, source, inputsDigest, priorLineage, priorSerial, new java.util.TreeMap<>(), changes);
  }

  /** The same plan with other changes (a selection of them), inputs and revision kept. */
  public Plan withChanges(List<Change> kept) {
    return new Plan(formatVersion, labcVersion, source, inputsDigest, priorLineage, priorSerial, inputs, kept, disruptions.within(kept));
  }

  /** The same plan with what its apply does around disruptive changes. */
  public Plan withDisruptions(Disruptions d) {
    return new Plan(formatVersion, labcVersion, source, inputsDigest, priorLineage, priorSerial, inputs, changes, d);
  }

  public long count(Action a) { return changes.stream().filter(c -> c.action() == a).count(); }

  public boolean hasChanges() { return changes.stream().anyMatch(c -> c.action() != Action.NO_OP); }

  /**
   * The steps an apply that may not use {@code skip} leaves for later, each with why: those that
   * need one of them, and transitively what waits for those (a create or update after its
   * dependencies; a delete before the deletes of what it depended on). Apply order, so one pass.
   */
  public java.util.SequencedMap<dev.labc.addr.ResourceAddr, String> withheld(java.util.Set<Need> skip) {
    var out = new java.util.LinkedHashMap<dev.labc.addr.ResourceAddr, String>();
    if (skip.isEmpty()) return out;
    var deleteAfter = new java.util.HashMap<dev.labc.addr.ResourceAddr, dev.labc.addr.ResourceAddr>();
    for (Change c : changes) {
      if (c.action() == Action.NO_OP) continue;
      var hit = new java.util.TreeSet<>(c.needs());
      hit.retainAll(skip);
      if (!hit.isEmpty()) {
        out.put(c.addr(), "needs " + Need.words(hit) + " (--skip-needs)");
      } else if (c.action() == Action.DELETE) {
        var blocker = deleteAfter.get(c.addr());
        if (blocker != null) out.put(c.addr(), "waits for " + blocker + ", which is left for later");
      } else {
        c.dependsOn().stream().filter(out::containsKey).findFirst()
            .ifPresent(d -> out.put(c.addr(), "depends on " + d + ", which is left for later"));
      }
      if (c.action() == Action.DELETE && out.containsKey(c.addr())) c.dependsOn().forEach(d -> deleteAfter.putIfAbsent(d, c.addr()));
    }
    return out;
  }

  /** Terraform's closing line, the one people grep for. */
  public String summary() {
    if (!hasChanges()) return "No changes. The cluster matches the configuration.";
    long add = count(Action.CREATE) + count(Action.REPLACE);
    long change = count(Action.UPDATE);
    long destroy = count(Action.DELETE) + count(Action.REPLACE);
    return "Plan: " + add + " to add, " + change + " to change, " + destroy + " to destroy.";
  }
}

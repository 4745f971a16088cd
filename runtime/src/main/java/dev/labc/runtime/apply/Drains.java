package dev.labc.runtime.apply;

import java.time.Duration;
import java.util.Set;

/**
 * Which nodes an apply drains before their disruptive steps, and how long it waits.
 *
 * @param slurmNodes nodes that are Slurm workers in the configuration, by their Slurm node name (the block's)
 * @param timeout how long to wait for a drained node's jobs to end
 * @param poll how often to ask
 */
public record Drains(Set<String> slurmNodes, Duration timeout, Duration poll) {
  public static final Drains NONE = new Drains(Set.of(), Duration.ofHours(1), Duration.ofSeconds(5));

  public Drains {
    slurmNodes = Set.copyOf(slurmNodes);
  }
}

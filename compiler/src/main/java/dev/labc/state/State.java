package dev.labc.state;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything labc has applied to one lab, as of one serial. Immutable: the withers return new
 * states and leave the serial alone; the writer of a new revision calls {@link #nextSerial()} once.
 *
 * @param formatVersion the state file format this was read from, or {@link #CURRENT_FORMAT_VERSION}
 * @param lineage which history this state belongs to
 * @param serial increases by one with every written revision; a saved plan records it
 * @param resources by address; every key equals its value's {@link ResourceState#addr()}
 */
public record State(
    int formatVersion, Lineage lineage, long serial, SortedMap<ResourceAddr, ResourceState> resources) {
  /** The format version the codec writes. */
  public static final int CURRENT_FORMAT_VERSION = 3;

  public State {
    Objects.requireNonNull(lineage, "lineage");
    if (formatVersion < 1) {
      throw new IllegalArgumentException("format version must be positive, got " + formatVersion);
    }
    if (serial < 0) {
      throw new IllegalArgumentException("serial must not be negative, got " + serial);
    }
    // Copying an already sorted map is linear (no comparisons); an apply makes a state per batch.
    TreeMap<ResourceAddr, ResourceState> copy = resources.comparator() == null ? new TreeMap<>(resources) : new TreeMap<>();
    if (resources.comparator() != null) copy.putAll(resources);
    copy.forEach((addr, rs) -> {
      if (!addr.equals(rs.addr())) {
        throw new IllegalArgumentException("resource recorded under " + addr + " says it is " + rs.addr());
      }
    });
    resources = Collections.unmodifiableSortedMap(copy);
  }

  /** The state of a lab nothing has been applied to yet: serial 0, no resources. */
  public static State empty(Lineage lineage) {
    return new State(CURRENT_FORMAT_VERSION, lineage, 0, new TreeMap<>());
  }

  public Optional<ResourceState> get(ResourceAddr addr) {
    return Optional.ofNullable(resources.get(addr));
  }

  public boolean isEmpty() {
    return resources.isEmpty();
  }

  /** Records {@code rs} under {@code addr}, replacing what was there. */
  public State with(ResourceAddr addr, ResourceState rs) {
    if (!addr.equals(rs.addr())) {
      throw new IllegalArgumentException("cannot record " + rs.addr() + " under " + addr);
    }
    TreeMap<ResourceAddr, ResourceState> next = new TreeMap<>(resources);
    next.put(addr, rs);
    return new State(formatVersion, lineage, serial, next);
  }

  public State with(ResourceState rs) {
    return with(rs.addr(), rs);
  }

  /** Forgets {@code addr}; a state without it is returned unchanged. */
  public State without(ResourceAddr addr) {
    if (!resources.containsKey(addr)) {
      return this;
    }
    TreeMap<ResourceAddr, ResourceState> next = new TreeMap<>(resources);
    next.remove(addr);
    return new State(formatVersion, lineage, serial, next);
  }

  /**
   * Renames {@code from} to {@code to}, rewriting other resources' dependencies on it, as
   * {@code labc state mv} does when a resource was renamed in the {@code .lab} file.
   *
   * @throws IllegalArgumentException if {@code from} is absent, {@code to} is taken, or the types differ
   */
  public State moved(ResourceAddr from, ResourceAddr to) {
    ResourceState moving = resources.get(from);
    if (moving == null) {
      throw new IllegalArgumentException("no resource " + from + " in state");
    }
    if (resources.containsKey(to)) {
      throw new IllegalArgumentException(to + " is already in state; remove it first");
    }
    if (!from.type().equals(to.type())) {
      throw new IllegalArgumentException(
          "cannot move a " + from.type() + " to a " + to.type() + "; a move keeps the resource type");
    }
    TreeMap<ResourceAddr, ResourceState> next = new TreeMap<>();
    resources.forEach((addr, rs) -> {
      ResourceState kept = addr.equals(from) ? rs.withAddr(to) : rs;
      if (kept.dependsOn().contains(from)) {
        kept = kept.withDependsOn(kept.dependsOn().stream().map(d -> d.equals(from) ? to : d).toList());
      }
      next.put(kept.addr(), kept);
    });
    return new State(formatVersion, lineage, serial, next);
  }

  /** The same resources as the next revision: serial plus one, written in the current format. */
  public State nextSerial() {
    return new State(CURRENT_FORMAT_VERSION, lineage, serial + 1, resources);
  }

  /** Resources grouped by node and cluster: the unit stored in one file and merged in git. */
  public SortedMap<Scope, SortedMap<ResourceAddr, ResourceState>> byScope() {
    // Addresses sort by scope first, so each scope is one run of keys: a view of it, not a copy.
    TreeMap<Scope, SortedMap<ResourceAddr, ResourceState>> groups = new TreeMap<>();
    ResourceAddr first = null;
    for (ResourceAddr addr : resources.keySet()) {
      if (first != null && addr.scope().equals(first.scope())) continue;
      if (first != null) groups.put(first.scope(), resources.subMap(first, addr));
      first = addr;
    }
    if (first != null) groups.put(first.scope(), resources.tailMap(first));
    return Collections.unmodifiableSortedMap(groups);
  }

  /** Same lineage and resources; serial and format version are bookkeeping, not content. */
  public boolean sameContentAs(State other) {
    return lineage.equals(other.lineage) && resources.equals(other.resources);
  }
}

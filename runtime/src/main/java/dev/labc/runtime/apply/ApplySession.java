package dev.labc.runtime.apply;

import dev.labc.plan.Plan;
import dev.labc.runtime.state.GitStateStore;
import dev.labc.runtime.state.StateLock;
import dev.labc.runtime.state.StateLockedException;
import dev.labc.runtime.state.StateSnapshot;
import dev.labc.runtime.state.StateStoreException;
import dev.labc.state.StateRef;
import dev.labc.state.file.StateFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An apply of a reviewed plan, as an ordered list of phases: take the state lock, check that the
 * state is still the one the plan was made against, run the plan, and record each finished batch
 * in the git state. Returns what happened as a value ({@link Outcome}); the command renders it and
 * picks the exit code. Planning and refresh come before a session, and for a saved plan
 * {@link #staleness}, which needs no lock: a stale plan is refused before any host is dialled.
 */
public final class ApplySession {
  /** The phases, in the order a session runs them; a refusal names the one that refused. */
  public enum Phase {
    LOCK("take the state lock"),
    FRESHNESS("check the state did not move since the plan"),
    APPLY("run the plan's steps on hosts and clusters"),
    RECORD("commit each finished batch to the git state");

    public final String does;

    Phase(String does) { this.does = does; }
  }

  public static final List<Phase> PHASES = List.of(Phase.values());

  /** What a session came to. */
  public sealed interface Outcome {
    /** The plan ran; the report says which steps did what (and whether all succeeded). */
    record Applied(ApplyReport report) implements Outcome {}

    /** Nothing was applied (or, in {@code RECORD}, recording failed): why, and what to do. */
    record Refused(Phase phase, String message, String hint) implements Outcome {}
  }

  /** Runs the plan once the lock is held and the state is current: builds the engine on the recorder and applies. */
  @FunctionalInterface
  public interface Run {
    ApplyReport apply(ApplyEngine.StateRecorder recorder);
  }

  private final GitStateStore store;
  private final StateSnapshot prior;

  /** @param prior the state the plan was made against, with its ref (what freshness compares) */
  public ApplySession(GitStateStore store, StateSnapshot prior) {
    this.store = store;
    this.prior = prior;
  }

  /** Applies {@code plan} through {@code run}; every phase's failure comes back as {@link Outcome.Refused}. */
  public Outcome apply(Plan plan, Run run) {
    Phase phase = Phase.LOCK;
    try (StateLock lock = store.lock("apply " + plan.source())) {
      phase = Phase.FRESHNESS;
      // The plan was made before the lock was taken (while refreshing, or while a person read it):
      // if another apply or a `labc state` command wrote meanwhile, the plan no longer describes
      // the state, and applying it would act on hosts from an outdated picture and then fail to record.
      var freshness = store.freshness(prior.ref());
      if (freshness != StateRef.Freshness.CURRENT) {
        var now = store.currentRef();
        return new Outcome.Refused(phase, "the state moved (serial " + prior.ref().serial() + " to " + now.serial()
            + (freshness == StateRef.Freshness.OTHER_LINEAGE ? ", another history" : "")
            + ") since the plan was made: another labc wrote it meanwhile; nothing was applied",
            "run `labc plan` again and review what is left to do");
      }
      phase = Phase.APPLY;
      // Recording is the engine's, batch by batch, through this recorder (Phase.RECORD).
      return new Outcome.Applied(run.apply(new GitStateRecorder(store, prior.state())));
    } catch (StateLockedException e) {
      return new Outcome.Refused(Phase.LOCK, e.getMessage(), e.hint());
    } catch (StateStoreException | StateFileException e) {
      return new Outcome.Refused(phase == Phase.APPLY ? Phase.RECORD : phase, e.getMessage(), null);
    } catch (IllegalArgumentException e) {
      return new Outcome.Refused(phase, e.getMessage(), null);
    }
  }

  /**
   * Why a saved plan may no longer be applied, compared with a plan made now from the inputs it
   * recorded: another state history, the state moved, or its inputs changed. Empty when it may.
   */
  public static Optional<String> staleness(Plan saved, Plan fresh) {
    if (!Objects.equals(saved.priorLineage(), fresh.priorLineage()) && saved.priorLineage() != null) {
      return Optional.of("it was made against another state history (lineage " + saved.priorLineage() + ")");
    }
    if (saved.priorSerial() != fresh.priorSerial() || (saved.priorLineage() == null) != (fresh.priorLineage() == null)) {
      return Optional.of("the state moved from serial " + saved.priorSerial() + " to " + fresh.priorSerial() + " since the plan was made");
    }
    if (!saved.inputs().isEmpty()) {
      var changed = inputDifferences(saved, fresh);
      if (!changed.isEmpty()) return Optional.of("its inputs changed since the plan was made: " + String.join("; ", changed));
    }
    if (!saved.inputsDigest().equals(fresh.inputsDigest())) {
      return Optional.of("the configuration changed since the plan was made (" + saved.source() + ", its imports or --var values)");
    }
    return Optional.empty();
  }

  /** Each recorded input that is new, gone or changed, by name ("module cluster.lab changed"). */
  private static List<String> inputDifferences(Plan saved, Plan fresh) {
    var out = new ArrayList<String>();
    var names = new TreeSet<String>(saved.inputs().keySet());
    names.addAll(fresh.inputs().keySet());
    for (String name : names) {
      String was = saved.inputs().get(name), is = fresh.inputs().get(name);
      if (was == null) out.add(name + " was not an input of the plan");
      else if (is == null) out.add(name + " is no longer an input");
      else if (!was.equals(is)) out.add(name + " changed");
    }
    return out;
  }
}

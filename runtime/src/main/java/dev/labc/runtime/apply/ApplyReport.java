package dev.labc.runtime.apply;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Per host (or cluster scope), what the apply did, in plan order. */
public record ApplyReport(SortedMap<String, List<StepOutcome>> byHost) {
    public ApplyReport {
        byHost = new TreeMap<>(byHost);
    }

    public boolean ok() {
        return byHost.values().stream().flatMap(List::stream)
                .allMatch(o -> o instanceof StepOutcome.Done || o instanceof StepOutcome.Skipped s && s.asked());
    }

    public long count(Class<? extends StepOutcome> kind) {
        return byHost.values().stream().flatMap(List::stream).filter(kind::isInstance).count();
    }

    /**
     * One line per host: done/failed/skipped counts and the first failure's reason; then each step
     * left for later by --skip-needs, so the operator sees what is still to do.
     */
    public String render() {
        var out = new StringBuilder();
        byHost.forEach((host, steps) -> {
            long done = steps.stream().filter(StepOutcome.Done.class::isInstance).count();
            long failed = steps.stream().filter(StepOutcome.Failed.class::isInstance).count();
            long skipped = steps.stream().filter(StepOutcome.Skipped.class::isInstance).count();
            out.append(String.format("%-16s %d done, %d failed, %d skipped", host, done, failed, skipped));
            steps.stream().filter(StepOutcome.Failed.class::isInstance).findFirst().ifPresent(f ->
                    out.append("\n    failed ").append(f.addr()).append(": ").append(((StepOutcome.Failed) f).reason()));
            // A host nothing ran on says why once (a rollout that stopped before its batch), not per step.
            if (done == 0 && failed == 0) steps.stream().filter(o -> o instanceof StepOutcome.Skipped s && !s.asked() && !s.reason().isEmpty()).findFirst()
                    .ifPresent(o -> out.append("\n    ").append(((StepOutcome.Skipped) o).reason()));
            out.append('\n');
            steps.stream().filter(o -> o instanceof StepOutcome.Skipped s && s.asked() && !s.reason().equals(StepOutcome.Skipped.EXCLUDED))
                    .forEach(o -> out.append("    skipped ").append(o.addr()).append(": ").append(((StepOutcome.Skipped) o).reason()).append('\n'));
        });
        out.append(ok() ? "Apply complete: " : "Apply incomplete: ").append(count(StepOutcome.Done.class)).append(" done, ")
                .append(count(StepOutcome.Failed.class)).append(" failed, ").append(count(StepOutcome.Skipped.class)).append(" skipped.\n");
        return out.toString();
    }
}

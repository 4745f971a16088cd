package dev.labc.runtime.apply;

import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Disruption;
import dev.labc.plan.HostStep;
import dev.labc.runtime.resources.HostResource;
import dev.labc.shell.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripts a host runs, as pure functions of the planned steps: the batched precondition check,
 * and a batch of steps where each step's exit code is reported on the original stdout by a marker
 * line carrying a per-run nonce ({@code labc-NONCE INDEX RC}), so output a step prints cannot pass
 * for a marker. The script stops at the first failing step.
 */
final class HostScript {
    private HostScript() {}

    /**
     * One round trip's script: for each step with a recorded {@code before} to compare, a line
     * {@code I same} or {@code I changed}. Empty when no step has one (creates, drifted steps).
     */
    static Optional<String> preconditions(List<Change> changes) {
        var script = new StringBuilder();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            // A drifted resource is known to differ from state; its precondition is the refresh itself.
            if (c.action() == Action.CREATE || c.before().isEmpty() || c.drifted()) continue;
            script.append("if ").append(HostResource.of(c.type(), c.addr(), c.before()).check()).append("; then echo ").append(i)
                    .append(" same; else echo ").append(i).append(" changed; fi 2>/dev/null\n");
        }
        return script.isEmpty() ? Optional.empty() : Optional.of(script.toString());
    }

    /** The first step the precondition script's output says changed on the host, or -1. */
    static int firstChanged(String stdout) {
        for (String line : stdout.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && parts[1].equals("changed")) return Integer.parseInt(parts[0]);
        }
        return -1;
    }

    /**
     * A batch's script. {@code rendered}: how many of the batch's steps it runs (all, unless one could
     * not be rendered: an unset secret, a bad attribute; then {@code renderError} says why, one line,
     * and the steps before it still run). {@code carried}: the secret values it holds, for redaction.
     */
    record Batch(String script, int rendered, Optional<String> renderError, List<String> carried) {}

    static Batch batch(List<Change> batch, ApplyEngine.Secrets secrets, String nonce) {
        var script = new StringBuilder("exec 3>&1 1>&2\n");
        var carried = new ArrayList<String>();
        int rendered = 0;
        Optional<String> renderError = Optional.empty();
        for (Change c : batch) {
            SecretResolver forChange = secrets.forChange(c);
            String body;
            try {
                String together = sharedCommand(batch, rendered);
                body = together != null ? together + "; " : "";
                body += c.action() == Action.DELETE
                        ? HostResource.of(c.type(), c.addr(), c.before()).delete()
                        : HostResource.of(c.type(), c.addr(), c.after()).apply(name -> {
                            String value = forChange.resolve(name);
                            carried.add(value);
                            carried.addAll(forChange.madeFrom(name));
                            return value;
                        });
            } catch (RuntimeException e) {
                renderError = Optional.of(ReportText.oneLine(e.getMessage())); // run what came before, stop here
                break;
            }
            script.append("( ").append(body).append(" )\nrc=$?\n");
            // Marked in the same script as the step, so no kill can leave the step done and the reboot forgotten.
            if (Disruption.of(c).equals(Optional.of(Disruption.REBOOT))) script.append("[ $rc != 0 ] || { ").append(NodeReboot.markPending()).append("; }\n");
            script.append("echo labc-").append(nonce).append(' ').append(rendered)
                    .append(" $rc >&3\n[ $rc = 0 ] || exit 0\n");
            rendered++;
        }
        return new Batch(script.toString(), rendered, renderError, List.copyOf(carried));
    }

    /** One step's marker: its index in the batch and its exit code. */
    record Marker(int index, int exitCode) {}

    /** The markers a batch's stdout holds, in the order the steps ran. */
    static List<Marker> markers(String stdout, String nonce) {
        Matcher m = Pattern.compile("labc-" + nonce + " (\\d+) (\\d+)").matcher(stdout);
        var out = new ArrayList<Marker>();
        while (m.find()) out.add(new Marker(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        return out;
    }

    /**
     * When step {@code k} starts a run of two or more steps of one type that share a command (packages
     * installed plainly: one apt-get, see {@link HostResource#runMember}), that command; else null.
     */
    private static String sharedCommand(List<Change> batch, int k) {
        var first = runMember(batch.get(k));
        if (first.isEmpty()) return null;
        if (k > 0 && runMember(batch.get(k - 1)).filter(b -> b.sameType(first.get())).isPresent()) return null;
        var members = new ArrayList<String>();
        for (int i = k; i < batch.size(); i++) {
            var next = runMember(batch.get(i)).filter(b -> b.sameType(first.get()));
            if (next.isEmpty()) break;
            members.add(next.get().runMember().orElseThrow());
        }
        return members.size() < 2 ? null : first.get().runCommand(members);
    }

    /** The step, when it is one that may share a run; a removal never does. */
    private static Optional<HostResource.Bound<?>> runMember(Change c) {
        if (c.action() == Action.DELETE || !HostStep.isHostType(c.type())) return Optional.empty();
        try {
            HostResource.Bound<?> b = HostResource.of(c.type(), c.addr(), c.after());
            return b.runMember().isPresent() ? Optional.of(b) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed step fails when its own turn renders it
        }
    }
}

package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.plan.HostStep;
import dev.labc.shell.SecretResolver;
import dev.labc.state.Value;
import java.util.Map;

/**
 * A command run once, guarded: skipped when {@code creates} exists or {@code unless} succeeds; or,
 * watching files, run whenever applied: the plan applies it only when the digest of the files it
 * watches changed (and the first time).
 * Secret environment values are resolved only here, at apply, and reach the host inside the script
 * (never as command-line arguments another user could read in ps).
 */
public final class CommandResource implements HostResource<HostStep.Command> {
    @Override
    public String check(HostStep.Command a) {
        return switch (a.guard()) {
            case HostStep.Guard.Creates c -> "[ -e " + q(c.path()) + " ]";
            case HostStep.Guard.Unless u -> "sh -c " + q(u.script()) + " >/dev/null 2>&1";
            case HostStep.Guard.OnChange o -> "true"; // it ran for what it watched; it matches what state recorded
        };
    }

    @Override
    public String apply(HostStep.Command a, SecretResolver secrets) {
        var env = new StringBuilder();
        for (Map.Entry<String, Value> e : a.env().entrySet()) {
            String value = switch (e.getValue()) {
                case Value.Text t -> t.value();
                default -> secrets.resolve("env." + e.getKey()); // the resolver names a map entry by its path
            };
            env.append("export ").append(e.getKey()).append('=').append(q(value)).append("; ");
        }
        if (a.guard() instanceof HostStep.Guard.OnChange) return "( " + env + "sh -c " + q(a.command()) + " )";
        return "( " + env + "if " + check(a) + "; then true; else sh -c " + q(a.command()) + "; fi )";
    }

    @Override
    public String delete(HostStep.Command a) {
        return "true"; // what a command did cannot be undone generically
    }
}

package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;
import dev.labc.state.Value;
import java.util.Map;

/**
 * A command run once, guarded: skipped when {@code creates} exists or {@code unless} succeeds; or,
 * with {@code trigger_digest}, run whenever applied: the plan applies it only when the digest of
 * the files it watches changed (and the first time).
 * Secret environment values are resolved only here, at apply, and reach the host inside the script
 * (never as command-line arguments another user could read in ps).
 */
public final class CommandResource implements HostResource {
    @Override
    public String check(Attrs a) {
        if (a.has("creates")) return "[ -e " + q(a.str("creates")) + " ]";
        if (a.has("unless")) return "sh -c " + q(a.str("unless")) + " >/dev/null 2>&1";
        return "true"; // an unguarded command ran once; it matches what state recorded
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        var env = new StringBuilder();
        for (Map.Entry<String, Value> e : a.dict("env").entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException(a.addr() + ": bad env name " + e.getKey());
            String value = switch (e.getValue()) {
                case Value.Text t -> t.value();
                default -> secrets.resolve("env." + e.getKey());
            };
            env.append("export ").append(e.getKey()).append('=').append(q(value)).append("; ");
        }
        if (a.has("trigger_digest") && !a.has("creates") && !a.has("unless")) return "( " + env + "sh -c " + q(a.str("command")) + " )";
        return "( " + env + "if " + check(a) + "; then true; else sh -c " + q(a.str("command")) + "; fi )";
    }

    @Override
    public String delete(Attrs a) {
        return "true"; // what a command did cannot be undone generically
    }
}

package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;

/**
 * A systemd service enabled or not, running or stopped; restarted (or reloaded) when applied with
 * a {@code reload_digest}, which the stdlib derives from the files the service reads.
 */
public final class ServiceResource implements HostResource<HostStep.Service> {
    /** Fails with a message naming what is missing when the host has no systemd as init. */
    static final String REQUIRE_SYSTEMD = "[ -d /run/systemd/system ] || { echo 'this host does not run systemd (no /run/systemd/system); a service resource needs it' >&2; exit 3; }";

    @Override
    public boolean needsSystemd() {
        return true;
    }

    @Override
    public String check(HostStep.Service a) {
        var b = ShellCommand.builder().literal("[").literal("-d").literal("/run/systemd/system").literal("]").literal("&&");
        if (!a.enabled()) b.literal("!");
        b.literal("systemctl").literal("is-enabled").literal("-q").value(a.name()).literal("&&");
        if (!a.running()) b.literal("!");
        return b.literal("systemctl").literal("is-active").literal("-q").value(a.name()).build().display();
    }

    @Override
    public String apply(HostStep.Service a, SecretResolver secrets) {
        // A service watching files (restartOn, with a digest over their content) is applied when one
        // of them changed: the daemon then restarts or reloads to read them.
        String start = a.restartOn().isEmpty() ? "start" : a.reload() ? "reload-or-restart" : "restart";
        return REQUIRE_SYSTEMD + " && " + ShellCommand.builder().literal("systemctl").literal("daemon-reload")
                .literal("&&").literal("systemctl").literal(a.enabled() ? "enable" : "disable").literal("-q").value(a.name())
                .literal("&&").literal("systemctl").literal(a.running() ? start : "stop").value(a.name()).build().display();
    }

    @Override
    public String delete(HostStep.Service a) {
        return "true"; // a service labc no longer manages keeps running; stopping it is declared
    }
}

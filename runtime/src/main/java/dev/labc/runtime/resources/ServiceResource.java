package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

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
        String n = q(a.name());
        boolean enabled = a.enabled();
        boolean running = a.running();
        return "[ -d /run/systemd/system ] && " + (enabled ? "" : "! ") + "systemctl is-enabled -q " + n
                + " && " + (running ? "" : "! ") + "systemctl is-active -q " + n;
    }

    @Override
    public String apply(HostStep.Service a, SecretResolver secrets) {
        String n = q(a.name());
        boolean enabled = a.enabled();
        boolean running = a.running();
        // A service watching files (reload_on, with reload_digest over their content) is applied
        // when one of them changed: the daemon then restarts or reloads to read them.
        String start = a.restartOn().isEmpty() ? "start" : a.reload() ? "reload-or-restart" : "restart";
        return REQUIRE_SYSTEMD + " && systemctl daemon-reload && systemctl " + (enabled ? "enable" : "disable") + " -q " + n
                + " && systemctl " + (running ? start : "stop") + " " + n;
    }

    @Override
    public String delete(HostStep.Service a) {
        return "true"; // a service labc no longer manages keeps running; stopping it is declared
    }
}

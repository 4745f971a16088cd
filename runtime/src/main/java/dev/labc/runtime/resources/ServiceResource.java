package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;

/**
 * A systemd service enabled or not, running or stopped; restarted (or reloaded) when applied with
 * a {@code reload_digest}, which the stdlib derives from the files the service reads. A service that
 * should run must be seen running after its start: a daemon that dies at once fails the step, with
 * its last journal lines.
 */
public final class ServiceResource implements HostResource<HostStep.Service> {
    /** Fails with a message naming what is missing when the host has no systemd as init. */
    static final String REQUIRE_SYSTEMD = "[ -d /run/systemd/system ] || { echo 'this host does not run systemd (no /run/systemd/system); a service resource needs it' >&2; exit 3; }";

    /**
     * Starts ($2: start, restart or reload-or-restart) the unit $1 and waits until it is seen active:
     * for notify, oneshot and dbus units `systemctl start` already waited for readiness, so one look
     * is enough; simple, exec and forking units are active as soon as the process is forked, so they
     * must stay active for five looks 0.1 s apart (about half a second). A unit that is failed,
     * inactive or waiting to be restarted (its process exited), or still not active after about five
     * seconds, fails with its state and the last lines its own processes wrote to the journal since
     * the start, on one line (the apply quotes a step's last line of stderr, redacted of secrets).
     */
    static final String START_AND_SETTLE = """
            u=$1
            since=$(date +%s.%N)
            if systemctl "$2" -- "$u"; then
              case $(systemctl show -p Type --value -- "$u") in notify|notify-reload|oneshot|dbus) need=1 ;; *) need=5 ;; esac
              seen=0 i=0
              while [ "$i" -lt 50 ]; do
                case $(systemctl is-active -- "$u")/$(systemctl show -p SubState --value -- "$u") in
                  */auto-restart) break ;;
                  active/*) seen=$((seen + 1)); [ "$seen" -lt "$need" ] || exit 0 ;;
                  activating/*|reloading/*) seen=0 ;;
                  *) break ;;
                esac
                i=$((i + 1))
                sleep 0.1
              done
            fi
            state=$(systemctl is-active -- "$u")
            sub=$(systemctl show -p SubState --value -- "$u")
            result=$(systemctl show -p Result --value -- "$u")
            hint=
            [ "$state" != inactive ] || [ "$(systemctl show -p Type --value -- "$u")" != oneshot ] || hint=' (a oneshot unit stays active only with RemainAfterExit=yes)'
            journalctl --sync 2>/dev/null
            journalctl -q --no-pager -o cat -n 3 --since "@$since" "_SYSTEMD_UNIT=$(systemctl show -p Id --value -- "$u")" 2>/dev/null | cut -c1-100 | {
              lines=
              while IFS= read -r l; do lines="${lines:+$lines | }$l"; done
              echo "service $u is ${state:-unknown} (${sub:-unknown}) after $2, not running (result: ${result:-unknown})$hint; its journal: ${lines:-(nothing since the start)}" >&2
            }
            exit 1
            """;

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
        var enable = ShellCommand.builder().literal("systemctl").literal("daemon-reload")
                .literal("&&").literal("systemctl").literal(a.enabled() ? "enable" : "disable").literal("-q").value(a.name()).literal("&&");
        var run = a.running()
                ? enable.literal("sh").literal("-c").value(START_AND_SETTLE).literal("labc-service").value(a.name()).literal(start)
                : enable.literal("systemctl").literal("stop").value(a.name());
        return REQUIRE_SYSTEMD + " && " + run.build().display();
    }

    @Override
    public String delete(HostStep.Service a) {
        return "true"; // a service labc no longer manages keeps running; stopping it is declared
    }
}

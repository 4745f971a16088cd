package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;
import java.util.List;

/** An apt package: present (optionally a pinned version, optionally held) or absent. */
public final class PackageResource implements HostResource<HostStep.Package> {
    private static String installed(String name) {
        // One process, not a pipeline into grep: this runs for every package on every refresh.
        // A held package's status is "hold ok installed".
        return "case \"$(dpkg-query -W -f='${Status}' " + q(name) + " 2>/dev/null)\" in *' ok installed') true;; *) false;; esac";
    }

    @Override
    public String check(HostStep.Package a) {
        String name = a.name();
        if ((a.state() == HostStep.Presence.ABSENT)) return "! " + installed(name);
        String c = installed(name);
        if (a.version().isPresent()) c += " && [ \"$(dpkg-query -W -f='${Version}' " + q(name) + ")\" = " + q(a.version().get()) + " ]";
        if (a.hold()) c += " && apt-mark showhold | grep -qx " + q(name);
        return c;
    }

    @Override
    public String apply(HostStep.Package a, SecretResolver secrets) {
        String name = a.name();
        if ((a.state() == HostStep.Presence.ABSENT)) {
            return "! " + installed(name) + " || DEBIAN_FRONTEND=noninteractive apt-get remove -y " + q(name);
        }
        String spec = a.version().isPresent() ? name + "=" + a.version().get() : name;
        String s = installed(name) + (a.version().isPresent() ? " && [ \"$(dpkg-query -W -f='${Version}' " + q(name) + ")\" = " + q(a.version().get()) + " ]" : "")
                + " || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " + q(spec);
        if (a.hold()) s = "{ " + s + "; } && apt-mark hold " + q(name);
        return s;
    }

    /** Whether {@link #installTogether} may take this package: present, no pinned version, no hold. */
    public static boolean installsPlainly(HostStep.Package a) {
        return (a.state() == HostStep.Presence.PRESENT) && !a.version().isPresent() && !a.hold();
    }

    /**
     * One {@code apt-get install} for a run of packages that come one after another in a host's
     * batch, run before the first of them: apt reads its lists and runs dpkg once instead of once a
     * package. Its failure is ignored here; each package's own step then installs it alone and
     * reports its own error.
     */
    public static String installTogether(List<String> names) {
        var s = new StringBuilder("DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends");
        for (String n : names) s.append(' ').append(q(n));
        return s.append(" >/dev/null 2>&1 || true").toString();
    }

    @Override
    public String delete(HostStep.Package a) {
        return "true"; // a package labc stops managing stays installed; absent is declared, not implied
    }
}

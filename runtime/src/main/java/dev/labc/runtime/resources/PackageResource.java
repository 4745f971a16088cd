package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.util.List;
import java.util.Optional;

/** An apt package: present (optionally a pinned version, optionally held) or absent. */
public final class PackageResource implements HostResource<HostStep.Package> {
    private static ShellCommand installed(String name) {
        // One process, not a pipeline into grep: this runs for every package on every refresh.
        // A held package's status is "hold ok installed".
        return ShellCommand.builder().literal("case").output(ShellCommand.builder().literal("dpkg-query").literal("-W").literal("-f='${Status}'").value(name)
                .literal("2>/dev/null").build()).literal("in").literal("*' ok installed')").literal("true;;").literal("*)").literal("false;;").literal("esac").build();
    }

    /** {@code [ "$(dpkg-query -W -f='${Version}' NAME)" = VERSION ]} */
    private static ShellCommand hasVersion(String name, String version) {
        return ShellCommand.builder().literal("[").output(ShellCommand.builder().literal("dpkg-query").literal("-W").literal("-f='${Version}'").value(name).build())
                .literal("=").value(version).literal("]").build();
    }

    @Override
    public String check(HostStep.Package a) {
        if (a.state() == HostStep.Presence.ABSENT) return ShellCommand.builder().literal("!").append(installed(a.name())).build().display();
        var c = ShellCommand.builder().append(installed(a.name()));
        a.version().ifPresent(v -> c.literal("&&").append(hasVersion(a.name(), v)));
        if (a.hold()) c.literal("&&").literal("apt-mark").literal("showhold").literal("|").literal("grep").literal("-qx").value(a.name());
        return c.build().display();
    }

    @Override
    public String apply(HostStep.Package a, SecretResolver secrets) {
        if (a.state() == HostStep.Presence.ABSENT) {
            return ShellCommand.builder().literal("!").append(installed(a.name())).literal("||").literal("DEBIAN_FRONTEND=noninteractive")
                    .literal("apt-get").literal("remove").literal("-y").value(a.name()).build().display();
        }
        var s = ShellCommand.builder();
        if (a.hold()) s.literal("{");
        s.append(installed(a.name()));
        a.version().ifPresent(v -> s.literal("&&").append(hasVersion(a.name(), v)));
        s.literal("||").literal("DEBIAN_FRONTEND=noninteractive").literal("apt-get").literal("install").literal("-y").literal("--no-install-recommends")
                .value(a.name() + a.version().map(v -> "=" + v).orElse(""));
        if (a.hold()) s.literal(";").literal("}").literal("&&").literal("apt-mark").literal("hold").value(a.name());
        return s.build().display();
    }

    /** A package installed plainly (present, no pinned version, no hold) joins its neighbours' one apt-get. */
    @Override
    public Optional<String> runMember(HostStep.Package a) {
        boolean plain = a.state() == HostStep.Presence.PRESENT && a.version().isEmpty() && !a.hold();
        return plain ? Optional.of(a.name()) : Optional.empty();
    }

    /**
     * One {@code apt-get install} for a run of packages that come one after another in a host's
     * batch, run before the first of them: apt reads its lists and runs dpkg once instead of once a
     * package. Its failure is ignored here; each package's own step then installs it alone and
     * reports its own error.
     */
    @Override
    public String runCommand(List<String> names) {
        return ShellCommand.builder().literal("DEBIAN_FRONTEND=noninteractive").literal("apt-get").literal("install").literal("-y")
                .literal("--no-install-recommends").values(names).literal(">/dev/null").literal("2>&1").literal("||").literal("true").build().display();
    }

    @Override
    public String delete(HostStep.Package a) {
        return "true"; // a package labc stops managing stays installed; absent is declared, not implied
    }
}

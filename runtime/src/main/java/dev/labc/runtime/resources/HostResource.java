package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;
import dev.labc.shell.SecretResolver;

/**
 * One primitive step type on a host, as three shell scripts over its typed step: {@link #check}
 * exits 0 exactly when the host already matches it (drift detection and the apply-time
 * precondition), {@link #apply} converges the host to it, {@link #delete} undoes it. Every value in
 * a script goes through {@link dev.labc.shell.ShellQuote}; the scripts run under {@code sh} as root.
 */
public sealed interface HostResource<S extends HostStep>
        permits FileResource, DirectoryResource, BlockResource, HostnameResource, EndpointResource, SwapResource, GroupResource,
                UserResource, PackageResource, MountResource, SysctlResource, KernelModuleResource,
                ServiceResource, CommandResource, LineResource, GpuResource,
                MigModeResource, MigResource {

    String check(S step);

    /** May embed secrets from {@code secrets}: the result is never logged. */
    String apply(S step, SecretResolver secrets);

    String delete(S step);

    /**
     * Whether this step may share one command with its neighbours of the same type in a host's
     * batch, and its part in it (a package installed plainly joins one apt-get for the run): empty
     * when it runs alone, as every step of most types does.
     */
    default java.util.Optional<String> runMember(S step) {
        return java.util.Optional.empty();
    }

    /**
     * The one command a run of two or more {@link #runMember members} shares, run before the first;
     * its failure is ignored and each step then runs alone. Never asked of a type whose steps run alone.
     */
    default String runCommand(java.util.List<String> members) {
        return "true";
    }

    /** Types that only make sense on a host with systemd say so, for a clear error. */
    default boolean needsSystemd() {
        return false;
    }

    /** A step with the resource type that runs it. */
    record Bound<S extends HostStep>(HostResource<S> type, S step) {
        public String check() { return type.check(step); }

        public String apply(SecretResolver secrets) { return type.apply(step, secrets); }

        public String delete() { return type.delete(step); }

        public java.util.Optional<String> runMember() { return type.runMember(step); }

        public String runCommand(java.util.List<String> members) { return type.runCommand(members); }

        /** Whether {@code other} is a step of the same resource type (so the two may share a run). */
        public boolean sameType(Bound<?> other) { return type.getClass() == other.type.getClass(); }
    }

    /** The resource type of each kind of step: one exhaustive switch, no lookup by name. */
    static Bound<?> of(HostStep step) {
        return switch (step) {
            case HostStep.File s -> new Bound<>(new FileResource(), s);
            case HostStep.Directory s -> new Bound<>(new DirectoryResource(), s);
            case HostStep.Line s -> new Bound<>(new LineResource(), s);
            case HostStep.Package s -> new Bound<>(new PackageResource(), s);
            case HostStep.Service s -> new Bound<>(new ServiceResource(), s);
            case HostStep.Command s -> new Bound<>(new CommandResource(), s);
            case HostStep.User s -> new Bound<>(new UserResource(), s);
            case HostStep.Group s -> new Bound<>(new GroupResource(), s);
            case HostStep.Mount s -> new Bound<>(new MountResource(), s);
            case HostStep.Sysctl s -> new Bound<>(new SysctlResource(), s);
            case HostStep.KernelModule s -> new Bound<>(new KernelModuleResource(), s);
            case HostStep.Swap s -> new Bound<>(new SwapResource(), s);
            case HostStep.Hostname s -> new Bound<>(new HostnameResource(), s);
            case HostStep.Endpoint s -> new Bound<>(new EndpointResource(), s);
            case HostStep.Block s -> new Bound<>(new BlockResource(), s);
            case HostStep.Gpu s -> new Bound<>(new GpuResource(), s);
            case HostStep.MigMode s -> new Bound<>(new MigModeResource(), s);
            case HostStep.Mig s -> new Bound<>(new MigResource(), s);
        };
    }

    /** The recorded step at {@code addr} with its resource type; a malformed record is an IllegalArgumentException naming it. */
    static Bound<?> of(String type, Object addr, java.util.SortedMap<String, dev.labc.state.Value> recorded) {
        return of(HostStep.decode(type, addr, recorded));
    }
}

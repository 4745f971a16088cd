package dev.labc.runtime.resources;

import dev.labc.shell.SecretResolver;
import java.util.Map;
import java.util.Optional;

/**
 * One primitive resource type on a host, as three shell scripts over its recorded attributes:
 * {@link #check} exits 0 exactly when the host already matches them (drift detection and the
 * apply-time precondition), {@link #apply} converges the host to them, {@link #delete} undoes them.
 * Every value in a script goes through {@link dev.labc.shell.ShellQuote}; the scripts run under
 * {@code sh} as root.
 */
public sealed interface HostResource
        permits FileResource, DirectoryResource, BlockResource, HostnameResource, EndpointResource, SwapResource, GroupResource,
                UserResource, PackageResource, MountResource, SysctlResource, KernelModuleResource,
                ServiceResource, CommandResource, LineResource, GpuResource {

    String check(Attrs a);

    /** May embed secrets from {@code secrets}: the result is never logged. */
    String apply(Attrs a, SecretResolver secrets);

    String delete(Attrs a);

    /** Types that only make sense on a host with systemd say so, for a clear error. */
    default boolean needsSystemd() {
        return false;
    }

    Map<String, HostResource> TYPES = Map.ofEntries(
            Map.entry("file", new FileResource()),
            Map.entry("directory", new DirectoryResource()),
            Map.entry("block", new BlockResource()),
            Map.entry("hostname", new HostnameResource()),
            Map.entry("endpoint", new EndpointResource()),
            Map.entry("swap", new SwapResource()),
            Map.entry("group", new GroupResource()),
            Map.entry("user", new UserResource()),
            Map.entry("package", new PackageResource()),
            Map.entry("mount", new MountResource()),
            Map.entry("sysctl", new SysctlResource()),
            Map.entry("kernel_module", new KernelModuleResource()),
            Map.entry("service", new ServiceResource()),
            Map.entry("command", new CommandResource()),
            Map.entry("line", new LineResource()),
            Map.entry("gpu", new GpuResource()));

    static Optional<HostResource> forType(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }
}

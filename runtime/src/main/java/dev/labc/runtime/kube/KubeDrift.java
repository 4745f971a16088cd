package dev.labc.runtime.kube;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.addr.ScopeKind;
import dev.labc.state.ResourceState;
import dev.labc.state.State;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Kubernetes half of the refresh before a plan: for every cluster state records objects in,
 * reads each object and compares the fields labc manages. A cluster that cannot be reached is
 * reported and planned from state alone.
 */
public final class KubeDrift {
    /** {@code drifted}: addresses whose live object differs; {@code why}: per address, what changed. */
    public record Result(Set<ResourceAddr> drifted, Map<ResourceAddr, String> why, Map<String, String> unreachable) {}

    private KubeDrift() {}

    /** {@code open} gives a cluster's applier, or throws IllegalStateException saying why it cannot. */
    public static Result run(State state, Function<String, KubeApplier> open) {
        var drifted = new TreeSet<ResourceAddr>();
        var why = new TreeMap<ResourceAddr, String>();
        var unreachable = new TreeMap<String, String>();
        for (var e : state.byScope().entrySet()) {
            Scope scope = e.getKey();
            if (scope.kind() != ScopeKind.CLUSTER) continue;
            KubeApplier applier;
            try {
                applier = open.apply(scope.name());
            } catch (IllegalStateException ex) {
                unreachable.put(scope.toString(), ex.getMessage());
                continue;
            }
            SortedMap<ResourceAddr, ResourceState> objects = e.getValue();
            try {
                applier.prefetch(objects.values().stream()
                        .filter(rs -> rs.status() != dev.labc.state.ResourceStatus.TAINTED).map(ResourceState::attributes).toList());
                for (ResourceState rs : objects.values()) {
                    if (rs.status() == dev.labc.state.ResourceStatus.TAINTED) continue;
                    applier.drift(rs.attributes()).ifPresent(w -> {
                        drifted.add(rs.addr());
                        why.put(rs.addr(), w);
                    });
                }
            } catch (RuntimeException ex) {
                unreachable.put(scope.toString(), scope + ": " + String.valueOf(ex.getMessage()).replace('\n', ' '));
            }
        }
        return new Result(drifted, why, unreachable);
    }
}

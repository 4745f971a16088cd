package dev.labc.facts;

import java.util.Map;
import java.util.Optional;

/**
 * The facts of every probed host, keyed by the host's name in the {@code .lab} model (not by its
 * OS hostname, which {@link HostFacts#hostname()} holds), sorted. A host that could not be reached
 * is simply not in the map.
 */
public record FactsSnapshot(Map<String, HostFacts> hosts) {
    public FactsSnapshot {
        hosts = Copies.sorted(hosts);
    }

    public static FactsSnapshot empty() {
        return new FactsSnapshot(Map.of());
    }

    public Optional<HostFacts> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }
}

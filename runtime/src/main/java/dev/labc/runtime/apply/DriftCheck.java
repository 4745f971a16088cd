package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.ScopeKind;
import dev.labc.facts.HostFacts;
import dev.labc.runtime.facts.FactParseException;
import dev.labc.runtime.facts.FactProbe;
import dev.labc.runtime.facts.FactProbeParser;
import dev.labc.runtime.resources.Attrs;
import dev.labc.runtime.resources.HostResource;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import dev.labc.state.ResourceState;
import dev.labc.state.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;

/**
 * The refresh before a plan: asks every host that state records resources on, in one round trip
 * per host and all hosts at once, whether each recorded resource still holds. A host that cannot be
 * reached is reported and planned from state alone.
 */
public final class DriftCheck {
    /** Resources found changed, the facts of each host that answered, and per unreachable host a one-line reason. */
    public record Result(Set<ResourceAddr> drifted, Map<String, HostFacts> facts, Map<String, String> unreachable,
                         Set<ResourceAddr> keptOriginals) {
        public Result(Set<ResourceAddr> drifted, Map<String, HostFacts> facts, Map<String, String> unreachable) {
            this(drifted, facts, unreachable, Set.of());
        }
    }

    private DriftCheck() {}

    public static Result run(State state, Map<String, HostEndpoint> endpoints, Transport transport, Duration timeout) {
        return run(state, endpoints, transport, timeout, List.of());
    }

    /**
     * As {@link #run(State, Map, Transport, Duration)}, and in the same round trip the host's facts,
     * with the hashes, modes and owners of {@code files}.
     */
    public static Result run(State state, Map<String, HostEndpoint> endpoints, Transport transport, Duration timeout, List<String> files) {
        var byHost = new TreeMap<String, List<ResourceState>>();
        for (ResourceState rs : state.resources().values()) {
            if (rs.addr().scope().kind() != ScopeKind.NODE || HostResource.forType(rs.addr().type()).isEmpty()) continue;
            // A tainted record claims nothing about the host; the plan applies it again anyway.
            if (rs.status() == dev.labc.state.ResourceStatus.TAINTED) continue;
            byHost.computeIfAbsent(rs.addr().scope().name(), k -> new ArrayList<>()).add(rs);
        }
        var drifted = new ConcurrentSkipListSet<ResourceAddr>();
        var facts = new ConcurrentHashMap<String, HostFacts>();
        var unreachable = new ConcurrentHashMap<String, String>();
        var kept = new ConcurrentSkipListSet<ResourceAddr>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            byHost.forEach((host, recorded) -> threads.submit(() -> {
                HostEndpoint endpoint = endpoints.get(host);
                if (endpoint == null) return; // a node gone from the configuration: its resources are deleted anyway
                var script = new StringBuilder();
                for (int i = 0; i < recorded.size(); i++) {
                    ResourceState rs = recorded.get(i);
                    String check = HostResource.forType(rs.addr().type()).orElseThrow().check(new Attrs(rs.addr().toString(), rs.attributes()));
                    script.append("if ").append(check).append("; then :; else echo ").append(i).append("; fi 2>/dev/null\n");
                    // Whether labc keeps what this file or line replaced: removing it then restores that (Originals).
                    var attrs = new Attrs(rs.addr().toString(), rs.attributes());
                    final int index = i;
                    dev.labc.runtime.resources.Originals.keptTest(rs.addr().type(), attrs)
                            .ifPresent(test -> script.append("if ").append(test).append("; then echo k").append(index).append("; fi 2>/dev/null\n"));
                }
                FactProbe probe = FactProbe.forChecks(files);
                script.append(probe.script());
                try {
                    var session = transport.session(endpoint);
                    long sent = System.currentTimeMillis(); // after connecting: the handshake is not the clock's business
                    ExecResult r = session.exec("sh -s", script.toString().getBytes(StandardCharsets.UTF_8), timeout);
                    String out = r.stdoutText();
                    int probeStart = out.indexOf("==labc:" + probe.nonce() + ":");
                    for (String line : (probeStart < 0 ? out : out.substring(0, probeStart)).split("\n")) {
                        if (line.matches("\\d+")) drifted.add(recorded.get(Integer.parseInt(line)).addr());
                        else if (line.matches("k\\d+")) kept.add(recorded.get(Integer.parseInt(line.substring(1))).addr());
                    }
                    if (probeStart >= 0) {
                        try {
                            facts.put(host, FactProbeParser.parse(probe, out.substring(probeStart), sent, System.currentTimeMillis()));
                        } catch (FactParseException e) {
                            unreachable.put(host, host + ": facts unreadable: " + e.getMessage());
                        }
                    }
                } catch (TransportException e) {
                    unreachable.put(host, e.getMessage());
                } catch (RuntimeException e) {
                    unreachable.put(host, host + ": cannot check recorded resources: " + e.getMessage());
                }
            }));
        }
        return new Result(new TreeSet<>(drifted), new TreeMap<>(facts), new TreeMap<>(unreachable), new TreeSet<>(kept));
    }
}

package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.ScopeKind;
import dev.labc.facts.HostFacts;
import dev.labc.runtime.facts.FactParseException;
import dev.labc.runtime.facts.FactProbe;
import dev.labc.runtime.facts.FactProbeParser;
import dev.labc.plan.HostStep;
import dev.labc.runtime.resources.HostResource;
import dev.labc.runtime.transport.ExecResult;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.runtime.transport.Transport;
import dev.labc.runtime.transport.TransportException;
import dev.labc.state.ResourceState;
import dev.labc.state.State;
import dev.labc.plan.Change;
import dev.labc.plan.PlanRenderer;
import dev.labc.shell.ShellQuote;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.SortedMap;
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
    /**
     * Resources found changed, the facts of each host that answered, and per unreachable host a
     * one-line reason; {@code found}: for drifted files, what is on the host instead ({@link Change#found}).
     */
    public record Result(Set<ResourceAddr> drifted, Map<String, HostFacts> facts, Map<String, String> unreachable,
                         Set<ResourceAddr> keptOriginals, Map<ResourceAddr, SortedMap<String, Value>> found) {
        public Result(Set<ResourceAddr> drifted, Map<String, HostFacts> facts, Map<String, String> unreachable) {
            this(drifted, facts, unreachable, Set.of(), Map.of());
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
            if (rs.addr().scope().kind() != ScopeKind.NODE || !HostStep.isHostType(rs.addr().type())) continue;
            // A tainted record claims nothing about the host; the plan applies it again anyway.
            if (rs.status() == dev.labc.state.ResourceStatus.TAINTED) continue;
            byHost.computeIfAbsent(rs.addr().scope().name(), k -> new ArrayList<>()).add(rs);
        }
        var drifted = new ConcurrentSkipListSet<ResourceAddr>();
        var facts = new ConcurrentHashMap<String, HostFacts>();
        var unreachable = new ConcurrentHashMap<String, String>();
        var kept = new ConcurrentSkipListSet<ResourceAddr>();
        var found = new ConcurrentHashMap<ResourceAddr, SortedMap<String, Value>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            byHost.forEach((host, recorded) -> threads.submit(() -> {
                HostEndpoint endpoint = endpoints.get(host);
                if (endpoint == null) return; // a node gone from the configuration: its resources are deleted anyway
                var script = new StringBuilder();
                for (int i = 0; i < recorded.size(); i++) {
                    ResourceState rs = recorded.get(i);
                    HostStep step = HostStep.decode(rs.type(), rs.addr(), rs.attributes());
                    String check = HostResource.of(step).check();
                    // A step that needs a reboot holds only once the node has rebooted: while the marker
                    // its apply left is there (a failed or killed reboot), it is planned again, and that apply reboots.
                    if (dev.labc.plan.Disruption.of(rs.addr().type(), false, k -> rs.attributes().get(k) instanceof Value.Text t ? t.value() : null)
                            .equals(java.util.Optional.of(dev.labc.plan.Disruption.REBOOT))) check = "{ " + check + "; } && test ! -e " + NodeReboot.PENDING;
                    script.append("if ").append(check).append("; then :; else echo ").append(i).append(readScript(i, rs)).append("; fi 2>/dev/null\n");
                    // Whether labc keeps what this file or line replaced: removing it then restores that (Originals).
                    final int index = i;
                    dev.labc.runtime.resources.Originals.keptTest(step)
                            .ifPresent(test -> script.append("if ").append(test).append("; then echo k").append(index).append("; fi 2>/dev/null\n"));
                }
                var reads = new TreeMap<ResourceAddr, SortedMap<String, Value>>();
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
                        else readLine(line, recorded, reads);
                    }
                    reads.forEach((addr, f) -> { if (!f.isEmpty()) found.put(addr, Collections.unmodifiableSortedMap(f)); });
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
        return new Result(new TreeSet<>(drifted), new TreeMap<>(facts), new TreeMap<>(unreachable), new TreeSet<>(kept), new TreeMap<>(found));
    }

    /**
     * For a drifted file, what is there instead, run only when its check failed: {@code a<i>} when
     * nothing is at the path, else {@code s<i> MODE OWNER GROUP} and, unless its content is a secret
     * (never read into a plan) or over {@link PlanRenderer#FOUND_CONTENT_LIMIT}, {@code c<i> BASE64}.
     */
    private static String readScript(int i, ResourceState rs) {
        if (!rs.addr().type().equals("file") || !(rs.attributes().get("path") instanceof Value.Text path)) return "";
        String p = ShellQuote.quote(path.value());
        var sb = new StringBuilder("; if [ -f ").append(p).append(" ]; then set -- $(stat -c '%a %U %G %s' ").append(p)
                .append("); echo s").append(i).append(" \"$1 $2 $3\"");
        if (!(rs.attributes().get("content") instanceof SecretDigest)) {
            sb.append("; if [ \"$4\" -le ").append(PlanRenderer.FOUND_CONTENT_LIMIT).append(" ]; then printf 'c")
                    .append(i).append(" '; base64 -w0 < ").append(p).append("; echo; fi");
        }
        return sb.append("; else echo a").append(i).append("; fi").toString();
    }

    /** One line of {@link #readScript}'s output into {@code reads}, in the recorded form so that what did not change compares equal. */
    private static void readLine(String line, List<ResourceState> recorded, Map<ResourceAddr, SortedMap<String, Value>> reads) {
        var m = java.util.regex.Pattern.compile("([asc])(\\d+)(?: (.*))?").matcher(line);
        if (!m.matches() || Integer.parseInt(m.group(2)) >= recorded.size()) return;
        ResourceState rs = recorded.get(Integer.parseInt(m.group(2)));
        var f = reads.computeIfAbsent(rs.addr(), k -> new TreeMap<>());
        String rest = m.group(3) == null ? "" : m.group(3);
        switch (m.group(1)) {
            case "a" -> f.put("present", new Value.Bool(false));
            case "s" -> {
                String[] w = rest.split(" ");
                if (w.length != 3) return;
                String mode = rs.attributes().get("mode") instanceof Value.Text t ? t.value() : "0644";
                // stat prints 644 where the declaration says "0644": the same mode reads as recorded.
                f.put("mode", new Value.Text(w[0].equals(mode.replaceFirst("^0+(?=.)", "")) ? mode : "0".repeat(Math.max(0, 4 - w[0].length())) + w[0]));
                f.put("owner", new Value.Text(w[1]));
                if (rs.attributes().containsKey("group")) f.put("group", new Value.Text(w[2]));
            }
            default -> {
                try {
                    f.put("content", new Value.Text(new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    // unreadable: shown as not read, never guessed
                }
            }
        }
    }
}

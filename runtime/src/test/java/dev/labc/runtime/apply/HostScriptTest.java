package dev.labc.runtime.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.shell.SecretResolver;
import dev.labc.state.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The host scripts as pure functions of the planned steps: what a batch runs, in which order, and how its markers read back. */
class HostScriptTest {
    private static final Scope NODE = Scope.node("gpu-1");
    private static final ApplyEngine.Secrets NO_SECRETS = c -> SecretResolver.NONE;

    /** How a generated package step is declared: only a plain install may share the run's one apt-get. */
    enum Kind { PLAIN, PINNED, HELD, ABSENT, REMOVED, FILE }

    record Step(Kind kind, String name) {}

    @Provide
    Arbitrary<List<Step>> batches() {
        var step = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12).uniqueElements(Step::name);
    }

    @Property(tries = 300)
    void packagesShareOneAptGetExactlyForEachRunOfTwoOrMorePlainInstalls(@ForAll("batches") List<Step> steps) {
        var batch = steps.stream().map(HostScriptTest::change).toList();
        var script = HostScript.batch(batch, NO_SECRETS, "00ff");
        assertEquals(batch.size(), script.rendered());
        assertEquals(Optional.empty(), script.renderError());

        var expected = new ArrayList<List<String>>();
        List<String> run = new ArrayList<>();
        for (Step s : steps) {
            if (s.kind() == Kind.PLAIN) {
                run.add(s.name());
                continue;
            }
            if (run.size() >= 2) expected.add(run);
            run = new ArrayList<>();
        }
        if (run.size() >= 2) expected.add(run);

        var shared = new ArrayList<List<String>>();
        var m = Pattern.compile("apt-get install -y --no-install-recommends ((?:[a-z]+ )+)>/dev/null 2>&1 \\|\\| true").matcher(script.script());
        while (m.find()) shared.add(List.of(m.group(1).strip().split(" ")));
        assertEquals(expected, shared, script.script());
    }

    @Property(tries = 100)
    void everyRenderedStepReportsItsIndexOnceInOrderAndTheScriptParses(@ForAll("batches") List<Step> steps) throws Exception {
        var batch = steps.stream().map(HostScriptTest::change).toList();
        var script = HostScript.batch(batch, NO_SECRETS, "abcd");
        var m = Pattern.compile("echo labc-abcd (\\d+) \\$rc >&3").matcher(script.script());
        var indices = new ArrayList<Integer>();
        while (m.find()) indices.add(Integer.parseInt(m.group(1)));
        assertEquals(java.util.stream.IntStream.range(0, batch.size()).boxed().toList(), indices);
        assertTrue(script.script().startsWith("exec 3>&1 1>&2\n"), "markers go to the original stdout, the steps' output to stderr");
        Process sh = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
        sh.getOutputStream().write(script.script().getBytes(StandardCharsets.UTF_8));
        sh.getOutputStream().close();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor(), out);
    }

    @Property(tries = 200)
    void markersReadBackOnlyThisRunsNonce(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 255) Integer> codes,
                                          @ForAll @IntRange(min = 0, max = 5) int noise) {
        var out = new StringBuilder();
        var expected = new ArrayList<HostScript.Marker>();
        for (int i = 0; i < codes.size(); i++) {
            // A step may print something that looks like a marker, without knowing this run's nonce.
            for (int n = 0; n < noise; n++) out.append("labc-0000 ").append(i).append(" 0\n");
            out.append("labc-1a2b ").append(i).append(' ').append(codes.get(i)).append('\n');
            expected.add(new HostScript.Marker(i, codes.get(i)));
        }
        assertEquals(expected, HostScript.markers(out.toString(), "1a2b"));
    }

    @Test
    void aStepThatCannotBeRenderedStopsTheBatchThereAndTheStepsBeforeItStillRun() {
        var broken = new Change(NODE.resource("package", "broken"), "package", Action.CREATE, new TreeMap<>(),
                new TreeMap<>(java.util.Map.of("name", new Value.Text("broken"), "state", new Value.Text("sometimes"))), new TreeSet<>(), List.of());
        var batch = List.of(change(new Step(Kind.PLAIN, "a")), change(new Step(Kind.PLAIN, "b")), broken, change(new Step(Kind.PLAIN, "c")));
        var script = HostScript.batch(batch, NO_SECRETS, "ab");
        assertEquals(2, script.rendered());
        assertTrue(script.renderError().orElseThrow().contains("state"), script.renderError().get());
        assertTrue(script.script().contains("echo labc-ab 1 $rc"));
        assertTrue(!script.script().contains("echo labc-ab 2 $rc"));
    }

    @Test
    void preconditionsCheckOnlyStepsWithARecordedBeforeThatDidNotDrift() {
        var created = change(new Step(Kind.PLAIN, "new"));
        var updated = withBefore(change(new Step(Kind.PINNED, "pinned")), false);
        var drifted = withBefore(change(new Step(Kind.HELD, "held")), true);
        var script = HostScript.preconditions(List.of(created, updated, drifted)).orElseThrow();
        assertEquals(1, script.lines().count(), script);
        assertTrue(script.endsWith("then echo 1 same; else echo 1 changed; fi 2>/dev/null\n"), script);
        assertEquals(Optional.empty(), HostScript.preconditions(List.of(created)));
        assertEquals(1, HostScript.firstChanged("0 same\n1 changed\n2 changed\n"));
        assertEquals(-1, HostScript.firstChanged("0 same\n"));
    }

    private static Change withBefore(Change c, boolean drifted) {
        return new Change(c.addr(), c.type(), Action.UPDATE, c.after(), c.after(), new TreeSet<>(), List.of(), drifted);
    }

    private static Change change(Step s) {
        var attrs = new TreeMap<String, dev.labc.state.Value>();
        if (s.kind() == Kind.FILE) {
            attrs.put("path", new Value.Text("/etc/" + s.name()));
            attrs.put("content", new Value.Text(s.name()));
            return new Change(NODE.resource("file", "/etc/" + s.name()), "file", Action.CREATE, new TreeMap<>(), attrs, new TreeSet<>(), List.of());
        }
        attrs.put("name", new Value.Text(s.name()));
        switch (s.kind()) {
            case PINNED -> attrs.put("version", new Value.Text("1.0"));
            case HELD -> attrs.put("hold", new Value.Bool(true));
            case ABSENT -> attrs.put("state", new Value.Text("absent"));
            default -> {}
        }
        ResourceAddr addr = NODE.resource("package", s.name());
        return s.kind() == Kind.REMOVED
                ? new Change(addr, "package", Action.DELETE, attrs, new TreeMap<>(), new TreeSet<>(), List.of())
                : new Change(addr, "package", Action.CREATE, new TreeMap<>(), attrs, new TreeSet<>(), List.of());
    }
}

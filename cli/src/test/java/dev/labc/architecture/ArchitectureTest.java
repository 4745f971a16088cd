package dev.labc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.PackageGraph;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the design promises (docs/architecture.md), checked on the compiled classes of every
 * module on this test's class path: modules depend only downward (grammar <- compiler <- runtime <- cli),
 * packages inside a module form no ring, and every package says in its package-info what it owns.
 */
class ArchitectureTest {
    /** What each module may use; anything else (and anything upward) is a forbidden edge. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "grammar", Set.of(),
            "compiler", Set.of("grammar"),
            "runtime", Set.of("grammar", "compiler"),
            "cli", Set.of("grammar", "compiler", "runtime"),
            "testkit", Set.of());
    static final Path ROOT = Path.of(System.getProperty("labc.repoRoot", "..")).toAbsolutePath().normalize();

    static PackageGraph graph;

    @BeforeAll
    static void read() {
        graph = PackageGraph.read(moduleRoots(), "dev/labc/");
    }

    /** The main-code roots on the class path: {@code <module>/target/classes} in the reactor, {@code labc-<module>-*.jar} otherwise. */
    static Map<String, Path> moduleRoots() {
        var roots = new LinkedHashMap<String, Path>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String file = p.getFileName().toString();
            if (file.equals("classes") && p.getParent() != null && p.getParent().getFileName().toString().equals("target")) {
                roots.put(p.getParent().getParent().getFileName().toString(), p);
            } else if (file.startsWith("labc-") && file.endsWith(".jar")) {
                String module = file.substring("labc-".length()).replaceFirst("-\\d.*$", "");
                roots.putIfAbsent(module, p);
            }
        }
        return roots;
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        assertTrue(moduleRoots().keySet().containsAll(List.of("grammar", "compiler", "runtime", "cli")),
                () -> "the test would check nothing; roots found: " + moduleRoots());
        assertTrue(graph.modules().size() > 20, () -> "too few packages read: " + graph.modules().keySet());
    }

    @Test
    void modulesDependOnlyDownward() {
        var bad = graph.forbiddenEdges(ALLOWED).stream()
                .map(e -> graph.modules().get(e.from()) + " -> " + graph.modules().get(e.to()) + ": " + e.witness())
                .toList();
        assertEquals(List.of(), bad, "forbidden edges between modules");
    }

    @Test
    void noPackageCycles() {
        var rings = graph.cycles().stream().map(ring -> {
            var lines = new ArrayList<String>();
            for (String from : ring) {
                for (String to : graph.edges().get(from)) {
                    if (ring.contains(to)) lines.add("    " + graph.witness(from, to));
                }
            }
            return ring + "\n" + String.join("\n", lines);
        }).toList();
        assertEquals(List.of(), rings, "packages that depend on each other in a ring");
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        var missing = new ArrayList<String>();
        for (String module : List.of("compiler", "runtime", "cli", "testkit")) {
            Path src = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> dirs = Files.walk(src)) {
                for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    boolean hasJava;
                    try (Stream<Path> files = Files.list(dir)) {
                        hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
                    }
                    if (!hasJava) continue;
                    Path info = dir.resolve("package-info.java");
                    if (!Files.exists(info) || !Files.readString(info).contains("/**")) {
                        missing.add(ROOT.relativize(dir).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java doc comment");
    }
}

package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The architecture test's reader, tried on classes compiled here for the purpose: a package ring and
 * an upward module edge must be found, and their absence must not be invented. Without this the
 * architecture test could pass because it read nothing.
 */
class PackageGraphTest {
    @TempDir Path dir;

    /** Compiles {@code sources} (path -> text) into {@code out}. */
    private void compile(Path out, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src-" + out.getFileName());
        var files = new ArrayList<String>();
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        Files.createDirectories(out);
        var args = new ArrayList<>(List.of("-d", out.toString(), "-cp", dir.resolve("low").toString()));
        args.addAll(files);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, rc, "fixture did not compile");
    }

    @Test
    void findsARingOfPackagesThroughSignaturesAndCode() throws IOException {
        compile(dir.resolve("low"), Map.of(
                "dev/labc/a/A.java", "package dev.labc.a; public class A { public java.util.List<dev.labc.b.B> bs; }",
                "dev/labc/b/B.java", "package dev.labc.b; public class B { public Object make() { return new dev.labc.c.C(); } }",
                "dev/labc/c/C.java", "package dev.labc.c; public class C { public void f(dev.labc.a.A a) {} }",
                "dev/labc/d/D.java", "package dev.labc.d; public class D { public String s = \"dev/labc/a/A\"; dev.labc.a.A a; }"));
        var graph = PackageGraph.read(Map.of("low", dir.resolve("low")), "dev/labc/");
        assertEquals(List.of(new TreeSet<>(Set.of("dev.labc.a", "dev.labc.b", "dev.labc.c"))), graph.cycles());
        assertEquals(Set.of("dev.labc.a"), graph.edges().get("dev.labc.d"), "a string literal is not an edge");
        assertEquals("dev.labc.a.A -> dev.labc.b.B", graph.witness("dev.labc.a", "dev.labc.b"));
    }

    @Test
    void aLayeredGraphHasNoRing() throws IOException {
        compile(dir.resolve("low"), Map.of(
                "dev/labc/a/A.java", "package dev.labc.a; public class A { dev.labc.b.B b; }",
                "dev/labc/b/B.java", "package dev.labc.b; public class B { dev.labc.c.C c; }",
                "dev/labc/c/C.java", "package dev.labc.c; public class C { }"));
        var graph = PackageGraph.read(Map.of("low", dir.resolve("low")), "dev/labc/");
        assertEquals(List.of(), graph.cycles());
        assertEquals(3, graph.modules().size());
    }

    @Test
    void findsAnEdgeUpwardBetweenModules() throws IOException {
        compile(dir.resolve("low"), Map.of("dev/labc/low/Low.java", "package dev.labc.low; public class Low { }"));
        compile(dir.resolve("high"), Map.of(
                "dev/labc/high/High.java", "package dev.labc.high; public class High { dev.labc.low.Low low; }"));
        var roots = Map.of("low", dir.resolve("low"), "high", dir.resolve("high"));
        var graph = PackageGraph.read(roots, "dev/labc/");
        assertEquals(List.of(), graph.forbiddenEdges(Map.of("high", Set.of("low"))));
        var bad = graph.forbiddenEdges(Map.of("high", Set.of()));
        assertEquals(1, bad.size());
        assertEquals(new PackageGraph.Edge("dev.labc.high", "dev.labc.low", "dev.labc.high.High -> dev.labc.low.Low"), bad.get(0));
        assertTrue(graph.cycles().isEmpty());
    }
}

package dev.labc.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** File content shipped through a shell arrives byte-exact, whatever the bytes. */
class FileWriteCommandPropertyTest {

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws Exception {
        // A directory name that itself needs quoting.
        dir = Files.createTempDirectory("labc shell 'q' $x");
    }

    @AfterContainer
    static void removeDir() throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 200)
    void inlineContentArrivesByteExact(@ForAll @Size(max = 3000) byte[] content) throws Exception {
        Path target = dir.resolve("inline.bin");
        var cmd = FileWriteCommand.inline(target.toString(), content);
        Shells.Result r = Shells.run("/bin/sh", cmd.render(SecretResolver.NONE), new byte[0]);
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(content, Files.readAllBytes(target));
        assertFalse(Files.exists(Path.of(FileWriteCommand.temporaryPath(target.toString()))));
    }

    @Property(tries = 100)
    void stdinContentArrivesByteExact(@ForAll @Size(max = 3000) byte[] content) throws Exception {
        Path target = dir.resolve("stdin.bin");
        var cmd = FileWriteCommand.fromStdin(target.toString());
        Shells.Result r = Shells.run("/bin/sh", cmd.render(SecretResolver.NONE), content);
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(content, Files.readAllBytes(target));
    }
}

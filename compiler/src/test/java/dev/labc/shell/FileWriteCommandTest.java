package dev.labc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWriteCommandTest {

    @TempDir
    Path dir;

    @Test
    void failureRemovesTheTemporaryFileAndKeepsOtherFiles() throws Exception {
        Path target = dir.resolve("kept.txt");
        Files.writeString(target, "old");
        // A target that is a directory makes mv fail after the temporary file was written.
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("sub"));
        var cmd = FileWriteCommand.inline(blocked.toString(), "new".getBytes(StandardCharsets.UTF_8));
        Shells.Result r = Shells.run("/bin/sh", cmd.render(SecretResolver.NONE), new byte[0]);
        assertNotEquals(0, r.exitCode());
        assertFalse(Files.exists(Path.of(FileWriteCommand.temporaryPath(blocked.toString()))));
        assertFalse(Files.exists(blocked.resolve("blocked.labc-tmp")), "mv moved the file into the directory");
        assertEquals("old", Files.readString(target));
    }

    @Test
    void aSymlinkPlantedAtTheTemporaryNameOrTheTargetIsNeverWrittenThrough() throws Exception {
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "victim");
        for (String name : new String[] {"at-tmp", "at-target"}) {
            Path target = dir.resolve(name);
            Files.createSymbolicLink(name.equals("at-tmp") ? Path.of(FileWriteCommand.temporaryPath(target.toString())) : target, victim);
            for (var cmd : new ShellCommand[] {FileWriteCommand.inline(target.toString(), "new".getBytes(StandardCharsets.UTF_8)),
                    FileWriteCommand.fromStdin(target.toString())}) {
                Shells.Result r = Shells.run("/bin/sh", cmd.render(SecretResolver.NONE), "new".getBytes(StandardCharsets.UTF_8));
                assertEquals(0, r.exitCode(), r.stderr());
                assertEquals("victim", Files.readString(victim), name + ": " + cmd.display());
                assertFalse(Files.isSymbolicLink(target), name);
                assertEquals("new", Files.readString(target));
                assertFalse(Files.exists(Path.of(FileWriteCommand.temporaryPath(target.toString())), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            }
        }
    }

    @Test
    void refusesContentOverTheArgumentLimit() {
        assertThrows(IllegalArgumentException.class,
                () -> FileWriteCommand.inline("/tmp/x", new byte[FileWriteCommand.MAX_INLINE_BYTES + 1]));
    }

    @Test
    void refusesRelativePaths() {
        assertThrows(IllegalArgumentException.class, () -> FileWriteCommand.inline("etc/x", new byte[0]));
    }
}

package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison for every module's tests. Updating ({@code -Dlabc.updateGoldens=true} or
 * {@code LABC_UPDATE_GOLDENS=1}) rewrites the expected file and still fails, so a rewrite is never
 * mistaken for a pass: the diff must be reviewed and committed by a person.
 */
public final class GoldenFile {
    private GoldenFile() {}

    public static boolean updating() {
        return Boolean.getBoolean("labc.updateGoldens") || "1".equals(System.getenv("LABC_UPDATE_GOLDENS"));
    }

    /** Compares {@code actual} with the golden file, or (when updating, or when it is missing) writes it and fails. */
    public static void check(Path expectedFile, String actual) {
        try {
            boolean exists = Files.exists(expectedFile);
            if (!exists || updating()) {
                String before = exists ? Files.readString(expectedFile, StandardCharsets.UTF_8) : null;
                Files.createDirectories(expectedFile.getParent());
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                if (!exists) fail("wrote missing golden " + expectedFile.getFileName() + "; review it and commit it");
                if (!actual.equals(before)) fail("rewrote " + expectedFile.getFileName() + "; review the diff");
                fail("golden update mode: " + expectedFile.getFileName() + " unchanged; run again without the update switch");
            }
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
            assertEquals(expected, actual, () -> expectedFile.getFileName() + " differs; rerun with -Dlabc.updateGoldens=true to rewrite it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

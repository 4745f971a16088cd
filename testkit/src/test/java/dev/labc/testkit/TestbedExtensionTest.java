package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail rule, which decides whether integration tests can silently disappear. */
class TestbedExtensionTest {

    @Test
    void unavailableTestbedSkipsOnADeveloperMachine() {
        var skipped = assertThrows(TestAbortedException.class,
                () -> TestbedExtension.requireAvailable(Optional.of("the testbed needs root"), false));
        assertTrue(skipped.getMessage().contains("the testbed needs root"), skipped.getMessage());
    }

    @Test
    void unavailableTestbedFailsInCi() {
        var failed = assertThrows(IllegalStateException.class,
                () -> TestbedExtension.requireAvailable(Optional.of("missing commands: socat"), true));
        assertTrue(failed.getMessage().contains("missing commands: socat"), failed.getMessage());
    }

    @Test
    void availableTestbedRunsEverywhere() {
        assertDoesNotThrow(() -> TestbedExtension.requireAvailable(Optional.empty(), true));
        assertDoesNotThrow(() -> TestbedExtension.requireAvailable(Optional.empty(), false));
    }
}

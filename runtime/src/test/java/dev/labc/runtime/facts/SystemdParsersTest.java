package dev.labc.runtime.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.labc.facts.UnitState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-written systemctl output: the captured GPU node had no systemd. */
class SystemdParsersTest {

    @Test
    void listUnitsPlain() throws Exception {
        Map<String, UnitState> units = new SystemdUnitsParser().parse("""
                ssh.service                 loaded    active   running OpenBSD Secure Shell server
                ● nvidia-persistenced.service not-found inactive dead    nvidia-persistenced.service
                -.mount                     loaded    active   mounted Root Mount
                """);
        assertEquals(new UnitState("ssh.service", "loaded", "active", "running", null), units.get("ssh.service"));
        assertEquals("not-found", units.get("nvidia-persistenced.service").load());
        assertEquals(3, units.size());
    }

    @Test
    void listUnitFilesWithPresetColumn() throws Exception {
        Map<String, String> files = new SystemdUnitFilesParser().parse("""
                ssh.service                    enabled         enabled
                munge.service                  masked          enabled
                getty@.service                 static          -
                """);
        assertEquals(Map.of("ssh.service", "enabled", "munge.service", "masked", "getty@.service", "static"), files);
    }

    @Test
    void truncatedLinesAreTypedErrors() {
        assertThrows(FactParseException.class, () -> new SystemdUnitsParser().parse("ssh.service loaded\n"));
        assertThrows(FactParseException.class, () -> new SystemdUnitFilesParser().parse("ssh.service\n"));
    }
}

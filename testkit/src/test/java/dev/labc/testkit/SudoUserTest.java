package dev.labc.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@Testbed(hosts = 1, sudoUser = true)
class SudoUserTest {

    @Test
    void sudoUserLogsInWithTheClientKeyAndSudoesWithoutPassword(TestbedHosts hosts) {
        var user = hosts.sudoUser().orElseThrow();
        var id = hosts.sshAs(user, 1, "id -un; id -u");
        assertTrue(id.ok(), id::toString);
        var lines = id.stdout().lines().toList();
        assertEquals(user, lines.get(0));
        assertNotEquals("0", lines.get(1));
        assertEquals(0, hosts.sshAs(user, 1, "sudo -n true").exitCode());
        assertEquals("0\n", hosts.sshAs(user, 1, "sudo -n id -u").stdout());
    }

    @Test
    void sudoUserExistsOnlyInsideTheHosts(TestbedHosts hosts) throws Exception {
        var user = hosts.sudoUser().orElseThrow();
        var passwd = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/passwd"));
        assertTrue(passwd.lines().noneMatch(l -> l.startsWith(user + ":")), "user leaked into the machine's /etc/passwd");
    }
}

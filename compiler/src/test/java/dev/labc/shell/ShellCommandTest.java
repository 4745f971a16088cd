package dev.labc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void quotesValuesButNotLiterals() {
        ShellCommand cmd = ShellCommand.builder()
                .literal("hostnamectl").literal("set-hostname").value("gpu01; reboot").build();
        assertEquals("hostnamectl set-hostname 'gpu01; reboot'", cmd.render(SecretResolver.NONE));
    }

    @Test
    void displayNeverShowsSecretValues() {
        ShellCommand cmd = ShellCommand.builder().literal("munge-key").literal("--set").secret("munge/key").build();
        assertEquals("munge-key --set (secret)", cmd.display());
        assertEquals(cmd.display(), cmd.toString());
        assertFalse(cmd.display().contains("hunter2"));
        assertTrue(cmd.hasSecrets());
    }

    @Test
    void renderResolvesSecretsAndQuotesThem() {
        ShellCommand cmd = ShellCommand.builder().literal("echo").secret("db").build();
        assertEquals("echo 'p w'\\''d'", cmd.render(name -> name.equals("db") ? "p w'd" : null));
    }

    @Test
    void renderingASecretWithoutAResolverFailsLoudly() {
        ShellCommand cmd = ShellCommand.builder().literal("echo").secret("db").build();
        var e = assertThrows(IllegalStateException.class, () -> cmd.render(SecretResolver.NONE));
        assertTrue(e.getMessage().contains("db"));
    }

    @Test
    void ofTreatsOnlyTheProgramAsTrusted() {
        assertEquals("useradd -u 1001 'a b'", ShellCommand.of("useradd", "-u", "1001", "a b").render(SecretResolver.NONE));
    }

    @Test
    void andThenJoinsWithAnd() {
        ShellCommand both = ShellCommand.of("true").andThen(ShellCommand.of("echo", "x y"));
        assertEquals("true && echo 'x y'", both.display());
        assertEquals(4, both.args().size());
    }

    @Test
    void isImmutable() {
        ShellCommand cmd = ShellCommand.of("true");
        assertThrows(UnsupportedOperationException.class, () -> cmd.args().add(new Arg.Value("x")));
    }

    @Test
    void literalsRefuseLineBreaksThatWouldStartANewCommand() {
        assertThrows(IllegalArgumentException.class, () -> new Arg.Literal("true\nreboot"));
        assertThrows(IllegalArgumentException.class, () -> new Arg.Literal(""));
        assertThrows(IllegalArgumentException.class, () -> new ShellCommand(List.of()));
    }

    @Test
    void secretNamesAreRestricted() {
        assertThrows(IllegalArgumentException.class, () -> new Arg.SecretRef("a b"));
    }
}

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
    void outputIsOneDoubleQuotedWordWhoseValuesAreQuotedInside() {
        ShellCommand test = ShellCommand.builder().literal("[")
                .output(ShellCommand.builder().literal("stat").literal("-c").literal("%U").value("/srv/a b").build())
                .literal("=").value("minio-user").literal("]").build();
        assertEquals("[ \"$(stat -c %U '/srv/a b')\" = minio-user ]", test.display());
    }

    @Test
    void aScriptIsTheWholeInnerCommandQuotedAsOneValue() {
        ShellCommand inner = ShellCommand.builder().literal("cd").value("/home/a'b").literal("&&").literal("./install.sh").build();
        ShellCommand outer = ShellCommand.builder().literal("runuser").literal("-l").value("ubuntu").literal("-c").script(inner).build();
        assertEquals("runuser -l ubuntu -c " + ShellQuote.quote(inner.display()), outer.display());
    }

    @Test
    void nestedSecretsStayHiddenInDisplayAndResolveInRender() {
        ShellCommand inner = ShellCommand.builder().literal("login").secret("pw").build();
        ShellCommand outer = ShellCommand.builder().literal("sh").literal("-c").script(inner).build();
        assertTrue(outer.hasSecrets());
        assertEquals("sh -c 'login (secret)'", outer.display());
        assertEquals("sh -c " + ShellQuote.quote("login 'x y'"), outer.render(name -> "x y"));
    }

    @Test
    void aLabScriptIsVerbatimAndAlone() {
        assertEquals("make && make install > /tmp/log", ShellCommand.labScript("make && make install > /tmp/log").display());
        assertThrows(IllegalArgumentException.class,
                () -> ShellCommand.builder().literal("sudo").append(ShellCommand.labScript("id")).build());
        assertEquals("sh -c 'echo $HOME'", ShellCommand.builder().literal("sh").literal("-c").script(ShellCommand.labScript("echo $HOME")).build().display());
    }

    @Test
    void secretNamesAreRestricted() {
        assertThrows(IllegalArgumentException.class, () -> new Arg.SecretRef("a b"));
    }
}

package dev.labc.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any NUL-free string, every installed shell reads {@code quote(s)} back as exactly {@code s}. */
class ShellQuotePropertyTest {

    private static final List<String> SHELLS = Shells.available();

    @Property(tries = 500)
    void shellPrintsExactlyTheQuotedValue(@ForAll("shellHostile") String value) throws Exception {
        String script = "printf %s " + ShellQuote.quote(value);
        for (String shell : SHELLS) {
            Shells.Result r = Shells.run(shell, script, new byte[0]);
            assertEquals(0, r.exitCode(), shell + ": " + r.stderr());
            assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), r.stdout(), shell);
        }
    }

    @Property(tries = 200)
    void aQuotedValueStaysOneWord(@ForAll("shellHostile") String value) throws Exception {
        // `set --` then `$#`: word splitting or globbing of the quoted text would change the count.
        String script = "set -- " + ShellQuote.quote(value) + " end; printf %s \"$#\"";
        Shells.Result r = Shells.run("/bin/sh", script, new byte[0]);
        assertEquals("2", new String(r.stdout(), StandardCharsets.UTF_8), r.stderr());
    }

    /** Shell metacharacters and fragments dominate; any other Unicode scalar value (not NUL) mixes in. */
    @Provide
    Arbitrary<String> shellHostile() {
        Arbitrary<String> tricky = Arbitraries.of(
                "'", "\"", "$", "`", "\\", "!", ";", "&", "|", "<", ">", "(", ")", "{", "}", "[", "]",
                "*", "?", "~", "#", "=", "%", " ", "\t", "\n", "\r", "\u0001", "\u001b", "\u007f",
                "$(id)", "`id`", "'\\''", "${HOME}", "$'\\n'", "!!", "-n", "--", "\\n", "%s");
        Arbitrary<String> ascii = Arbitraries.integers().between(1, 127).map(Character::toString);
        Arbitrary<String> unicode = Arbitraries.integers().between(0x80, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, tricky), net.jqwik.api.Tuple.of(3, ascii), net.jqwik.api.Tuple.of(2, unicode));
        return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}

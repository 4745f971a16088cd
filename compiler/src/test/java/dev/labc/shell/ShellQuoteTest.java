package dev.labc.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "nvidia-driver-580      | nvidia-driver-580",
            "/etc/labc/a.conf       | /etc/labc/a.conf",
            "\"\"                   | ''",
            "a b                    | 'a b'",
            "it's                   | 'it'\\''s'",
            "$(reboot)              | '$(reboot)'",
            "`reboot`               | '`reboot`'",
            "a=b                    | 'a=b'",
            "~root                  | '~root'",
            "{a,b}                  | '{a,b}'",
            "#x                     | '#x'",
            "!!                     | '!!'",
    })
    void quotesExactlyWhatTheShellWouldInterpret(String value, String expected) {
        assertEquals(expected, ShellQuote.quote(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "'", "''", "a\nb", "\n", "$(id)", "`id`", "!x", "\\", "\t\r", "naïve ✓ 🚀", "-n", "*", "\"$HOME\""})
    void everyShellReadsTheQuotedTextBackUnchanged(String value) throws Exception {
        for (String shell : Shells.available()) {
            Shells.Result r = Shells.run(shell, "printf %s " + ShellQuote.quote(value), new byte[0]);
            assertEquals(0, r.exitCode(), shell + ": " + r.stderr());
            assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), r.stdout(), shell + " mangled " + value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0", "a\0b", "trailing\0"})
    void rejectsNulBecauseNoShellArgumentCanCarryIt(String value) {
        var e = assertThrows(UnquotableValueException.class, () -> ShellQuote.quote(value));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00", "\uDBFFx"})
    void rejectsUnpairedSurrogatesThatHaveNoUtf8Form(String value) {
        assertThrows(UnquotableValueException.class, () -> ShellQuote.quote(value));
    }

    @org.junit.jupiter.api.Test
    void rejectsNull() {
        assertThrows(UnquotableValueException.class, () -> ShellQuote.quote(null));
    }
}

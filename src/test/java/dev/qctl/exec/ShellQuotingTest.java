package dev.qctl.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ShellQuotingTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "postqueue|postqueue",
        "/usr/sbin/postsuper|/usr/sbin/postsuper",
        "-j|-j",
        "a@b.example:25,y+1%|a@b.example:25,y+1%",
        "NAME=value|'NAME=value'",
        "a b|'a b'",
        "it's|'it'\\''s'",
        "$(id)|'$(id)'",
        "*|'*'",
        "~root|'~root'",
    })
    void quotesOnlyWhatIsNotPlainlySafe(String word, String quoted) {
        assertThat(ShellQuoting.quote(word)).isEqualTo(quoted);
    }

    @Test
    void theEmptyStringIsAnEmptyWord() {
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
    }

    @Test
    void joinSeparatesWordsWithOneSpace() {
        assertThat(ShellQuoting.join(List.of("postsuper", "-d", "A B", ""))).isEqualTo("postsuper -d 'A B' ''");
        assertThat(ShellQuoting.join(List.of())).isEmpty();
    }

    static Stream<List<String>> hostileArgumentLists() {
        return Stream.of(
                List.of("'", "\"", "''", "'\"'\"'"),
                List.of("$(id)", "`id`", "${HOME}", "$HOME", "$((1+1))"),
                List.of("a;b", "; echo pwned", "a && b", "a | b", "a > /dev/null", "<x", "&"),
                List.of("line1\nline2", "\n", "tab\there", "cr\rhere"),
                List.of(" leading", "trailing ", "  ", "two  spaces"),
                List.of("", "", "x", ""),
                List.of("jörg@exämple.org", "日本語", "😀", "\u202eevil"),
                List.of("*", "?", "[a]", "~", "~root", "{a,b}", "#not a comment", "!", "\\", "\\n", "-n", "--"),
                List.of("FOO=bar", "a=b c", "%s", "%%"));
    }

    @ParameterizedTest
    @MethodSource("hostileArgumentLists")
    void aRealShellParsesTheJoinedStringBackIntoTheSameArguments(List<String> args) throws Exception {
        // What an SSH server does with the command string: hand it to the shell.
        assertThat(shellWords(ShellQuoting.join(args))).isEqualTo(args);
    }

    @Test
    void everyHostileWordSurvivesAlone() throws Exception {
        for (List<String> list : hostileArgumentLists().toList()) {
            for (String word : list) {
                assertThat(shellWords(ShellQuoting.quote(word))).as("[%s]", word).containsExactly(word);
            }
        }
    }

    @Test
    void nothingIsExecuted(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("pwned");
        List<String> args = List.of("'; touch " + marker + "; '", "$(touch " + marker + ")", "`touch " + marker + "`",
                "; touch " + marker, "\ntouch " + marker);
        assertThat(shellWords(ShellQuoting.join(args))).isEqualTo(args);
        assertThat(Files.exists(marker)).isFalse();
    }

    /** Runs {@code sh -c "printf '%s\0' <words>"} and splits what it prints at the NULs. */
    private static List<String> shellWords(String words) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\000' " + words).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor()).as("sh exit status; output: %s", out.toString(UTF_8)).isZero();
        String text = out.toString(UTF_8);
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                result.add(text.substring(start, i));
                start = i + 1;
            }
        }
        assertThat(text.substring(start)).as("output after the last NUL").isEmpty();
        return result;
    }
}

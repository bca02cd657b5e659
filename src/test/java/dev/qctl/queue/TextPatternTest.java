package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextPatternTest {
    private static final String REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";

    @Nested
    class Globs {
        @Test
        void anAddressGlobMustMatchTheWholeAddress() {
            TextPattern p = TextPattern.wholeMatch("*@example.com");
            assertThat(p.matches("bob@example.com")).isTrue();
            assertThat(p.matches("@example.com")).isTrue();
            assertThat(p.matches("bob@example.com.evil.test")).isFalse();
            assertThat(p.matches("bob@sub.example.org")).isFalse();
        }

        @Test
        void globsIgnoreCase() {
            assertThat(TextPattern.wholeMatch("*@Example.COM").matches("BOB@example.com")).isTrue();
        }

        @Test
        void globsIgnoreCaseOutsideAsciiToo() {
            TextPattern p = TextPattern.wholeMatch("JÖRG@*");
            assertThat(p.matches("jörg@exämple.org")).isTrue();
            assertThat(TextPattern.wholeMatch("*@EXÄMPLE.org").matches("jörg@exämple.org")).isTrue();
            assertThat(p.matches("jorg@example.org")).isFalse();
        }

        @Test
        void aQuestionMarkIsExactlyOneCharacter() {
            TextPattern p = TextPattern.wholeMatch("b?b@x.test");
            assertThat(p.matches("bob@x.test")).isTrue();
            assertThat(p.matches("bb@x.test")).isFalse();
            assertThat(p.matches("boob@x.test")).isFalse();
            assertThat(TextPattern.wholeMatch("?rg@x").matches("örg@x")).isTrue();
        }

        @Test
        void regexCharactersInAGlobAreLiteral() {
            assertThat(TextPattern.wholeMatch("a.b@x").matches("aXb@x")).isFalse();
            assertThat(TextPattern.wholeMatch("a.b@x").matches("a.b@x")).isTrue();
            assertThat(TextPattern.wholeMatch("a+b@x").matches("a+b@x")).isTrue();
            assertThat(TextPattern.wholeMatch("a+b@x").matches("aab@x")).isFalse();
            assertThat(TextPattern.wholeMatch("(x)[y]{z}\\E$^|").matches("(x)[y]{z}\\E$^|")).isTrue();
        }

        @Test
        void nullSenderGlob() {
            assertThat(TextPattern.wholeMatch("<>").matches("<>")).isTrue();
            assertThat(TextPattern.wholeMatch("<>").matches("")).isFalse();
        }

        @Test
        void aStarMatchesTheEmptyStringAndNewlines() {
            assertThat(TextPattern.wholeMatch("*").matches("")).isTrue();
            assertThat(TextPattern.wholeMatch("a*b").matches("a\nb")).isTrue();
        }

        @Test
        void aReasonGlobMayMatchAnywhere() {
            TextPattern p = TextPattern.anywhere("Connection refused");
            assertThat(p.matches(REFUSED)).isTrue();
            assertThat(p.matches("delivery temporarily suspended: " + REFUSED)).isTrue();
            assertThat(p.matches("Connection timed out")).isFalse();
            assertThat(TextPattern.anywhere("connection REFUSED").matches(REFUSED)).isTrue();
            assertThat(TextPattern.anywhere("127.0.0.?[*]:2525").matches(REFUSED)).isTrue();
        }

        @Test
        void theSameTextAsAnAddressGlobMustMatchWhole() {
            assertThat(TextPattern.wholeMatch("Connection refused").matches(REFUSED)).isFalse();
        }

        @Test
        void nothingMatchesNull() {
            assertThat(TextPattern.anywhere("*").matches(null)).isFalse();
            assertThat(TextPattern.wholeMatch("/.*/").matches(null)).isFalse();
        }

        @Test
        void aLoneSlashIsAGlob() {
            assertThat(TextPattern.wholeMatch("/").matches("/")).isTrue();
            assertThat(TextPattern.wholeMatch("/i").matches("/I")).isTrue();
        }
    }

    @Nested
    class RegularExpressions {
        @Test
        void aRegexMatchesAnywhere() {
            assertThat(TextPattern.wholeMatch("/refused/").matches(REFUSED)).isTrue();
            assertThat(TextPattern.wholeMatch("/example\\.(com|net)/").matches("bob@example.net")).isTrue();
        }

        @Test
        void anchorsWork() {
            TextPattern p = TextPattern.wholeMatch("/^bob@/");
            assertThat(p.matches("bob@example.com")).isTrue();
            assertThat(p.matches("alice.bob@example.com")).isFalse();
            TextPattern end = TextPattern.wholeMatch("/\\.net$/");
            assertThat(end.matches("x@example.net")).isTrue();
            assertThat(end.matches("x@example.net.test")).isFalse();
        }

        @Test
        void aTopLevelAlternationStaysInsideTheRegex() {
            TextPattern p = TextPattern.wholeMatch("/^alice|^bob/");
            assertThat(p.matches("bob@x")).isTrue();
            assertThat(p.matches("alice@x")).isTrue();
            assertThat(p.matches("carol.bob@x")).isFalse();
        }

        @Test
        void aRegexIsCaseSensitiveUnlessI() {
            assertThat(TextPattern.wholeMatch("/^bob/").matches("Bob@x")).isFalse();
            assertThat(TextPattern.wholeMatch("/^bob/i").matches("Bob@x")).isTrue();
            assertThat(TextPattern.wholeMatch("/^jörg/i").matches("JÖRG@x")).isTrue();
        }

        @Test
        void backReferencesKeepTheirNumbers() {
            assertThat(TextPattern.wholeMatch("/(.)\\1@/").matches("aa@x")).isTrue();
            assertThat(TextPattern.wholeMatch("/(.)\\1@/").matches("ab@x")).isFalse();
        }

        @Test
        void anInvalidRegexIsRefusedWithItsDescription() {
            assertThatThrownBy(() -> TextPattern.wholeMatch("/[unclosed/"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid regular expression '/[unclosed/': ")
                    .hasMessageContaining("Unclosed character class")
                    .hasMessageNotContaining("\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/(/", "/a{2,1}/", "/*/", "/x)/i"})
        void otherInvalidRegexes(String text) {
            assertThatThrownBy(() -> TextPattern.anywhere(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid regular expression '" + text + "': ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"//", "//i"})
        void anEmptyRegexIsRefused(String text) {
            assertThatThrownBy(() -> TextPattern.wholeMatch(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("empty regular expression '" + text + "'");
        }
    }

    @Test
    void anEmptyPatternIsRefused() {
        assertThatThrownBy(() -> TextPattern.wholeMatch("")).hasMessage("empty pattern");
        assertThatThrownBy(() -> TextPattern.anywhere(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringIsTheSource() {
        assertThat(TextPattern.wholeMatch("/^bob/i")).hasToString("/^bob/i");
        assertThat(TextPattern.anywhere("*refused*")).hasToString("*refused*");
    }
}

package dev.qctl.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SanitizerTest {

    @Nested
    class Inline {
        @ParameterizedTest(name = "{2}")
        @CsvSource(delimiter = '|', value = {
            "a\u001b[31mred|a^[[31mred|ESC starts a CSI sequence",
            "x\u001b]0;title\u0007x|x^[]0;title^Gx|OSC title with BEL",
            "bell\u0007!|bell^G!|BEL",
            "nul\u0000byte|nul^@byte|NUL",
            "del\u007f!|del^?!|DEL",
            "c1\u009b31m|c1<U+009B>31m|C1 CSI 0x9B",
            "c1\u0085next|c1<U+0085>next|C1 NEL",
            "evil\u202egpj.exe|evil<U+202E>gpj.exe|RIGHT-TO-LEFT OVERRIDE",
            "\u2066isolate\u2069|<U+2066>isolate<U+2069>|bidi isolates",
            "\u200fmark|<U+200F>mark|RIGHT-TO-LEFT MARK",
            "a\u2028b\u2029c|a<U+2028>b<U+2029>c|LINE and PARAGRAPH SEPARATOR",
            "pdf\u202c lre\u202a rle\u202b lro\u202d|pdf<U+202C> lre<U+202A> rle<U+202B> lro<U+202D>|every embedding and override",
        })
        void replacesControlCharacters(String input, String expected, String what) {
            assertThat(Sanitizer.inline(input)).isEqualTo(expected);
        }

        @Test
        void newlinesTabsAndCarriageReturnsAreReplacedToo() {
            assertThat(Sanitizer.inline("line1\nline2")).isEqualTo("line1^Jline2");
            assertThat(Sanitizer.inline("a\tb")).isEqualTo("a^Ib");
            assertThat(Sanitizer.inline("a\rb")).isEqualTo("a^Mb");
            assertThat(Sanitizer.inline("\u001b[2J")).isEqualTo("^[[2J");
        }

        /**
         * U+061C ARABIC LETTER MARK is the third bidi mark beside U+200E and U+200F, which are replaced
         * (the "Trojan Source" list, CVE-2021-42574); it passes through unchanged.
         */
        @Test
        void theArabicLetterMarkIsABidiControlToo() {
            assertThat(Sanitizer.inline("a\u061cb")).isEqualTo("a<U+061C>b");
        }

        @Test
        void plainTextIsReturnedUnchanged() {
            String text = "jörg@exämple.org 😀 日本語 – ok";
            assertThat(Sanitizer.inline(text)).isSameAs(text);
        }

        @Test
        void nullIsEmpty() {
            assertThat(Sanitizer.inline(null)).isEmpty();
            assertThat(Sanitizer.multiline(null)).isEmpty();
        }
    }

    @Nested
    class Multiline {
        @Test
        void newlinesAndTabsStay() {
            assertThat(Sanitizer.multiline("Subject: hi\n\tfolded\n")).isEqualTo("Subject: hi\n\tfolded\n");
        }

        @Test
        void everyOtherControlCharacterIsReplaced() {
            assertThat(Sanitizer.multiline("a\u001b[2J\nb\r\n\u009b\u202e\u0000"))
                    .isEqualTo("a^[[2J\nb^M\n<U+009B><U+202E>^@");
        }
    }
}

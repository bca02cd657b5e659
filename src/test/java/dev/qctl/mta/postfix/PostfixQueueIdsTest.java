package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Postfix's queue ID grammar (global/mail_queue.h): a short ID is {@code %05X} microseconds followed by
 * {@code %lX} inode, so upper-case hex of 6 to 21 characters; a long ID is seconds (6+ chars) and
 * microseconds (4 chars) in base 52 (digits and consonants), {@code z}, then the inode in base 51
 * (the same alphabet without {@code z}).
 */
class PostfixQueueIdsTest {
    private final PostfixQueueIds ids = new PostfixQueueIds();

    @Nested
    class ShortIds {
        @ParameterizedTest
        @ValueSource(strings = {"EDEDC161FF9", "10CFC161FF7", "3F2A1C4B2E", "C420820802", "0572820D64", "12345A",
            "ABCDEF0123456789ABCD"})
        void upperCaseHexIsValid(String id) {
            assertThat(ids.isValid(id)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ededc161ff9", "EDEDc161FF9", "3f2a1c4b2e"})
        void lowerCaseHexIsNotAShortId(String id) {
            // Postfix writes short IDs with %X: a lower-case hex digit never occurs.
            assertThat(ids.isValid(id)).isFalse();
        }

        @Test
        void fiveCharactersAreTooFewForMicrosecondsPlusInode() {
            assertThat(ids.isValid("ABCDE")).isFalse();
        }

        /** 5 microsecond digits + a 64-bit inode in hex (up to 16 digits) = 21 characters at most. */
        @Test
        void twentyOneCharactersForA64BitInodeAreValid() {
            assertThat(ids.isValid("ABCDE" + "FFFFFFFFFFFFFFFF")).isTrue();
        }

        @Test
        void twentyTwoCharactersAreTooMany() {
            assertThat(ids.isValid("ABCDE" + "FFFFFFFFFFFFFFFF" + "F")).isFalse();
        }
    }

    @Nested
    class LongIds {
        @ParameterizedTest
        @ValueSource(strings = {"4jbq6Y3nLkzC08f", "4jbq6Y3nLkz1", "4jbq6Y3nzkzC08f", "BCDFGHJKLMzBCDFGHJ"})
        void digitsAndConsonantsWithTheLastZBeforeTheInodeAreValid(String id) {
            assertThat(ids.isValid(id)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "4jbq6Y3nLkzC08a",  // vowel in the inode part
            "4ebq6Y3nLkzC08f",  // vowel in the time part
            "4jbq6Y3nLkzCA8f",  // upper-case vowel
            "4Ibq6Y3nLkzC08f",
            "4jbq6Y3nLkC08f",   // no z separator
            "4jbq6Y3nzC08f",    // time part shorter than 10 characters
            "4jbq6Y3nLkz",      // no inode
        })
        void vowelsOrAMissingSeparatorAreInvalid(String id) {
            assertThat(ids.isValid(id)).isFalse();
        }
    }

    @Nested
    class Hostile {
        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"'; touch /tmp/x'", "$(id)", "`id`", "ABC123\n", "ABC123\nDEF456", " ABC123", "ABC123 ",
            "ABC123;", "-d", "ALL", "deferred", "../../etc/passwd", "ABC123\u0000",
            "ＡＢＣ１２３", // full-width letters and digits
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
        void isRefused(String id) {
            assertThat(ids.isValid(id)).isFalse();
        }

        @Test
        void requireThrowsBadIdWithTheIdMadeVisible() {
            assertThatThrownBy(() -> ids.require("ABC\n\u001b[2J"))
                    .isInstanceOfSatisfying(QctlException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_ID);
                        assertThat(e.getMessage())
                                .startsWith("malformed queue ID 'ABC^J^[[2J': expected a Postfix queue ID")
                                .doesNotContain("\n", "\u001b");
                    });
        }

        @Test
        void requireOfNullIsABadIdToo() {
            assertThatThrownBy(() -> ids.require(null))
                    .isInstanceOfSatisfying(QctlException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_ID));
        }
    }

    @Test
    void requireReturnsAValidId() {
        assertThat(ids.require("4jbq6Y3nLkzC08f")).isEqualTo("4jbq6Y3nLkzC08f");
        assertThat(ids.require("EDEDC161FF9")).isEqualTo("EDEDC161FF9");
    }
}

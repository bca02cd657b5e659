package dev.qctl.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordingTest {
    @Test
    void splitsOnlyAtTheTopLevel() {
        assertThat(Wording.splitTopLevel("a|b(c|d)e|[|x]|f\\|g")).containsExactly("a", "b(c|d)e", "[|x]", "f\\|g");
    }

    @Test
    void theLiteralStartStopsBeforeWhatMayBeAbsent() {
        assertThat(Wording.literalStart("grey ?list")).isEqualTo("grey");
        assertThat(Wording.literalStart("\\btls\\b")).isEqualTo("tls");
        assertThat(Wording.literalStart("5\\.7\\.606")).isEqualTo("5.7.606");
        assertThat(Wording.literalStart("too many (\\w+ ){0,2}connections")).isEqualTo("too many ");
        assertThat(Wording.literalStart("\\bTSS?0[1-9]\\b")).isEqualTo("TS");
    }

    @Test
    void matchesLiteralsAndRegexesCaseInsensitively() {
        Wording w = new Wording("spamhaus|5\\.7\\.606|\\btls\\b|client host \\S* ?blocked|\\bTSS?0[1-9]\\b");
        assertThat(w.in("blocked using zen.spamhaus.org")).isTrue();
        assertThat(w.in("550 5.7.606 access denied")).isTrue();
        assertThat(w.in("550 5x7x606 access denied")).isFalse(); // an escaped dot is a dot
        assertThat(w.in("cannot start tls: handshake failure")).isTrue();
        assertThat(w.in("gnutls_handshake failed")).isFalse(); // a word, not part of one
        assertThat(w.in("client host [192.0.2.1] blocked")).isTrue();
        assertThat(w.in("421 4.7.0 [tss04] messages deferred")).isTrue();
        assertThat(w.in("connection refused")).isFalse();
    }

    @Test
    void anAlternativeWithoutALiteralStartIsAMistakeInTheTable() {
        assertThatThrownBy(() -> new Wording("ok|(a|b) rate")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(a|b) rate");
    }
}

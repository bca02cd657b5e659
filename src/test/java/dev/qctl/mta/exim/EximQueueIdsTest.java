package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EximQueueIdsTest {
    private final EximQueueIds ids = EximQueueIds.INSTANCE;

    @ParameterizedTest
    @ValueSource(strings = {
        "1xX55b-0007hH-16", // 4.96 and earlier
        "1xX5eJ-0001hg-2t", // recorded from the sandbox
        "1xX55b-000000007hH-1616", // 4.97 and later
        "000000-000000-00",
        "zzzzzz-ZZZZZZZZZZZ-zzzz"})
    void acceptsBothFormats(String id) {
        assertThat(ids.isValid(id)).isTrue();
        assertThat(ids.require(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "1xX55b-0007hH-1", // short third part
        "1xX55b-0007hH-161", // 17 characters
        "1xX55b-00000007hH-1616", // 22
        "1xX55b-000000007hH-16", // 4.97 middle with the old last part
        "1xX55b-0007hH-1616", // old middle with the new last part
        "1xX55b_0007hH-16",
        "1xX55b-0007hH-16 ",
        " 1xX55b-0007hH-16",
        "1xX55b-0007hH-1\u00e9",
        "1xX55b-0007hH-16\n",
        "../../etc/passwd",
        "-Mrm",
        "7451A160209", // a Postfix ID
        "1xX55b-0007hH-16-H"})
    void refusesEverythingElse(String id) {
        assertThat(ids.isValid(id)).isFalse();
        assertThatThrownBy(() -> ids.require(id))
                .isInstanceOf(QctlException.class)
                .satisfies(e -> assertThat(((QctlException) e).exitCode()).isEqualTo(ExitCode.BAD_ID))
                .hasMessageContaining("1xX55b-0007hH-16").hasMessageContaining("1xX55b-000000007hH-1616");
    }

    @Test
    void theMalformedIdIsShownSafely() {
        assertThatThrownBy(() -> ids.require("bad\u001b[31mid"))
                .hasMessageContaining("bad^[[31mid").hasMessageNotContaining("\u001b");
    }

    @Test
    void decodesTheArrivalSecondFromBothFormats() {
        // The -H file of 1xX5eJ-0001hg-2t (recorded) has the time line "1795823199 0".
        assertThat(EximQueueIds.timeOf("1xX5eJ-0001hg-2t")).isEqualTo(Instant.ofEpochSecond(1795823199));
        assertThat(EximQueueIds.timeOf("1xX5eJ-000000001hg-002t")).isEqualTo(Instant.ofEpochSecond(1795823199));
        assertThat(EximQueueIds.timeOf("000001-000000-00")).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(EximQueueIds.timeOf("000010-000000-00")).isEqualTo(Instant.ofEpochSecond(62));
    }
}

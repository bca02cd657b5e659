package dev.qctl.mta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogTimestampsTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static LogTimestamps at(String now) {
        return new LogTimestamps(UTC, Instant.parse(now));
    }

    @Test
    void syslogDatesGetTheCurrentYear() {
        LogTimestamps.Stamp s = at("2026-12-01T10:00:00Z").parse("Dec 01 09:08:36 sandbox postfix/smtpd[3956]: x");
        assertThat(s.time()).isEqualTo(Instant.parse("2026-12-01T09:08:36Z"));
        assertThat("Dec 01 09:08:36 sandbox".substring(s.end())).isEqualTo("sandbox");
    }

    @Test
    void spacePaddedDayAsClassicSyslogWritesIt() {
        assertThat(at("2026-12-05T00:00:00Z").parse("Dec  1 09:08:36 mx postfix/qmgr[1]: x").time())
                .isEqualTo(Instant.parse("2026-12-01T09:08:36Z"));
    }

    @Test
    void inJanuaryDecembersLinesAreLastYears() {
        LogTimestamps stamps = at("2027-01-02T08:00:00Z");
        assertThat(stamps.parse("Dec 31 23:59:59 mx postfix/qmgr[1]: x").time())
                .isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(stamps.parse("Jan  2 07:00:00 mx postfix/qmgr[1]: x").time())
                .isEqualTo(Instant.parse("2027-01-02T07:00:00Z"));
    }

    @Test
    void aLineUpToADayAheadStaysInThisYear() {
        // the host's clock may run a little ahead of this machine's
        assertThat(at("2026-12-01T10:00:00Z").parse("Dec  2 09:00:00 mx p[1]: x").time())
                .isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
    }

    @Test
    void leapDayOfAnEarlierYear() {
        assertThat(at("2029-01-10T00:00:00Z").parse("Feb 29 12:00:00 mx p[1]: x").time())
                .isEqualTo(Instant.parse("2028-02-29T12:00:00Z"));
    }

    @Test
    void rfc3339AsRsyslogWritesIt() {
        assertThat(at("2026-12-01T10:00:00Z").parse("2026-12-01T09:08:36.123456+01:00 mx postfix/smtp[1]: x").time())
                .isEqualTo(Instant.parse("2026-12-01T08:08:36.123456Z"));
    }

    @Test
    void journalctlShortIso() {
        assertThat(at("2026-12-01T10:00:00Z").parse("2026-12-01T09:08:36+0000 mx postfix/smtp[1]: x").time())
                .isEqualTo(Instant.parse("2026-12-01T09:08:36Z"));
    }

    @Test
    void eximMainLogLocalTimeAndWithZone() {
        LogTimestamps stamps = new LogTimestamps(ZoneId.of("Europe/Berlin"), Instant.parse("2026-12-01T10:00:00Z"));
        LogTimestamps.Stamp plain = stamps.parse("2026-12-01 09:08:38 1xYJqn-00012V-0k == carol@example.net");
        assertThat(plain.time()).isEqualTo(Instant.parse("2026-12-01T08:08:38Z"));
        assertThat("2026-12-01 09:08:38 1xYJqn-00012V-0k".substring(plain.end())).isEqualTo("1xYJqn-00012V-0k");
        LogTimestamps.Stamp zoned = stamps.parse("2026-12-01 09:08:38.250 -0500 1xYJqn-00012V-0k Completed");
        assertThat(zoned.time()).isEqualTo(Instant.parse("2026-12-01T14:08:38.250Z"));
    }

    @Test
    void notATime() {
        LogTimestamps stamps = at("2026-12-01T10:00:00Z");
        assertThat(stamps.parse("")).isNull();
        assertThat(stamps.parse("hello world")).isNull();
        assertThat(stamps.parse("Feb 31 09:00:00 mx p[1]: x")).isNull();
        assertThat(stamps.parse("2026-13-01 09:00:00 x")).isNull();
    }
}

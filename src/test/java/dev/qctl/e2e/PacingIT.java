package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code release --rate}: the release is spread out as asked, measured where it happened: the
 * times the real Postfix and Exim logged each message's release ({@code postsuper: ID: released
 * from hold}, {@code ID unfrozen by root}). 20 messages at 5/s go out over about 3.8 s, never more
 * than 5 in one second (6 where a batch falls on a second's boundary).
 */
class PacingIT {
    private static final int COUNT = 20;
    private static final int RATE = 5;
    private static final Pattern POSTFIX_LINE = Pattern.compile("^\\w{3} [ \\d]\\d (\\d\\d:\\d\\d:\\d\\d) \\S+ postfix/postsuper\\[\\d+\\]: (\\w+): released from hold$");
    private static final Pattern EXIM_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d (\\d\\d:\\d\\d:\\d\\d) (\\S+) unfrozen by \\S+$");

    private static Proc.Result qctl(String... args) {
        return Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", System.getProperty("java.io.tmpdir") + "/qctl-pacing-it-audit.log"),
                null, args);
    }

    private static void ok(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
    }

    @Test
    void postfixReleaseKeepsToItsRate() throws IOException {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, COUNT);
        try {
            ok(qctl("hold", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q"));
            long t0 = System.nanoTime();
            ok(qctl("release", "--mta", "postfix", "--from", tag + "-*", "--rate", RATE + "/s", "--yes", "-q"));
            double took = (System.nanoTime() - t0) / 1e9;
            List<LocalTime> times = logged(Path.of(Sandbox.get("QCTL_SANDBOX_POSTFIX_LOG")), POSTFIX_LINE, ids);
            assertKeepsRate(times, took);
        } finally {
            qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q");
        }
    }

    @Test
    void eximReleaseKeepsToItsRate() throws IOException {
        Sandbox.requireExim();
        String tag = PostfixHarness.newTag();
        List<String> ids = EximQueue.inject(tag, COUNT);
        try {
            ok(qctl(EximQueue.target("hold", "--from", tag + "-*", "--yes", "-q")));
            long t0 = System.nanoTime();
            ok(qctl(EximQueue.target("release", "--from", tag + "-*", "--rate", RATE + "/s", "--yes", "-q")));
            double took = (System.nanoTime() - t0) / 1e9;
            List<LocalTime> times = logged(Path.of(Sandbox.get("QCTL_SANDBOX_EXIM_LOG")), EXIM_LINE, ids);
            assertKeepsRate(times, took);
        } finally {
            qctl(EximQueue.target("delete", "--from", tag + "-*", "--yes", "-q"));
        }
    }

    @Test
    void aPacedFlushDeliversWhatAFlushWouldRetryThroughTheActPath() {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 6);
        try {
            long t0 = System.nanoTime();
            // the injected messages go to rcpt@TAG.example: --site selects exactly them
            Proc.Result r = qctl("flush", "--mta", "postfix", "--site", tag + ".example", "--rate", "4/s", "--yes");
            double took = (System.nanoTime() - t0) / 1e9;
            ok(r);
            for (String id : ids) {
                assertThat(r.stdout()).containsPattern("(?m)^" + id + " +deliver +ok");
            }
            assertThat(r.stdout().lines().filter(l -> l.contains(" deliver ")).count()).isEqualTo(ids.size());
            assertThat(took).as("6 messages at 4/s").isGreaterThanOrEqualTo(5 / 4.0);
        } finally {
            qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q");
        }
    }

    /** The log's release times of these IDs, each once, in log order. */
    private static List<LocalTime> logged(Path log, Pattern line, List<String> ids) throws IOException {
        List<LocalTime> times = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (m.matches() && ids.contains(m.group(2))) {
                times.add(LocalTime.parse(m.group(1)));
            }
        }
        assertThat(times).as("release lines in " + log).hasSize(COUNT);
        return times;
    }

    private static void assertKeepsRate(List<LocalTime> times, double took) {
        Map<LocalTime, Integer> perSecond = new TreeMap<>();
        times.forEach(t -> perSecond.merge(t, 1, Integer::sum));
        long span = java.time.Duration.between(times.get(0), times.get(times.size() - 1)).toSeconds();
        // (COUNT - 1) / RATE = 3.8 s between the first and the last release; the log has whole seconds
        assertThat(span).as("seconds from the first to the last release " + perSecond).isGreaterThanOrEqualTo(3);
        assertThat(perSecond.values()).as("releases per second " + perSecond).allMatch(n -> n <= RATE + 1);
        assertThat(took).as("the release command's own time").isGreaterThanOrEqualTo((COUNT - 1) / (double) RATE);
        System.out.printf("pacing: %d releases at %d/s: span %d s in the log, per second %s, command %.1f s%n",
                COUNT, RATE, span, perSecond.values(), took);
    }
}

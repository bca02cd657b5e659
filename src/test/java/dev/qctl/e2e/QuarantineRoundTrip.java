package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps QuarantineSshIT and QuarantineSudoIT share: one tag's messages on the hosts pf (Postfix)
 * and ex (Exim) of the group @both deleted with quarantine, listed in the quarantine and restored by
 * run, each step checked against both queues. The tests differ in how qctl reaches the hosts.
 * Closing it removes whatever of the tag's messages is left in either queue.
 */
final class QuarantineRoundTrip implements AutoCloseable {
    private static final Pattern RUN = Pattern.compile("quarantined as run (\\S+) in ");

    private final Function<String[], Proc.Result> qctl;
    private final String tag;
    private final List<String> exim;
    private final Path quarantine;
    private final int each;

    /** @param exim the Exim IDs of the tag's messages; {@code each} messages per MTA */
    QuarantineRoundTrip(Function<String[], Proc.Result> qctl, String tag, List<String> exim, Path quarantine, int each) {
        this.qctl = qctl;
        this.tag = tag;
        this.exim = exim;
        this.quarantine = quarantine;
        this.each = each;
    }

    /** Submits {@code each} tagged messages to each MTA and waits until Postfix has deferred them. */
    static QuarantineRoundTrip submit(Function<String[], Proc.Result> qctl, Path quarantine, int each) {
        String tag = PostfixHarness.newTag();
        QuarantineIT.submit(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"), tag, each);
        List<String> exim = QuarantineIT.submit(Sandbox.get("QCTL_SANDBOX_EXIM_SMTP_PORT"), tag, each);
        PostfixHarness.waitFor(tag, each, n -> n.get("queue_name").asText().equals("deferred"));
        return new QuarantineRoundTrip(qctl, tag, exim, quarantine, each);
    }

    String tag() {
        return tag;
    }

    @Override
    public void close() {
        Proc.qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q", "--no-audit");
        List<String> rm = new ArrayList<>(List.of("-Mrm"));
        rm.addAll(exim);
        EximQueue.exim(rm.toArray(String[]::new));
    }

    /** {@code delete --quarantine}: all ok, gone from both queues, kept under the run; returns the run ID. */
    String delete() {
        Proc.Result delete = qctl.apply(new String[] {"delete", "-H", "@both", "--from", tag + "-*", "--quarantine", "--yes", "-o", "json"});
        assertThat(json(delete)).hasSize(2 * each).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("ok"));
        Matcher m = RUN.matcher(delete.stderr());
        assertThat(m.find()).as(delete.describe()).isTrue();
        String run = m.group(1);
        assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
        assertThat(EximQueue.bp()).doesNotContainKeys(exim.toArray(String[]::new));
        assertThat(quarantine.resolve("postfix").resolve(run)).isDirectory();
        assertThat(quarantine.resolve("exim").resolve(run)).isDirectory();
        return run;
    }

    /** {@code quarantine list}: {@code each} messages kept per host; returns the listing. */
    JsonNode listKept() {
        JsonNode kept = json(list());
        Map<String, Integer> perHost = new HashMap<>();
        kept.forEach(k -> perHost.merge(k.get("host").asText(), 1, Integer::sum));
        assertThat(perHost).containsOnly(Map.entry("pf", each), Map.entry("ex", each));
        return kept;
    }

    /** {@code restore --run}: all ok, back in both queues (Postfix re-submitted), nothing kept any more. */
    void restore(String run) {
        JsonNode restored = json(qctl.apply(new String[] {"restore", "-H", "@both", "--run", run, "--yes", "-o", "json"}));
        assertThat(restored).hasSize(2 * each).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("ok"));
        assertThat(EximQueue.bp()).containsKeys(exim.toArray(String[]::new));
        PostfixHarness.waitFor(tag, each, n -> n.get("recipients").size() == 2);
        assertThat(json(list())).isEmpty();
    }

    private Proc.Result list() {
        return qctl.apply(new String[] {"quarantine", "list", "-H", "@both", "--from", tag + "-*", "-o", "json"});
    }

    static JsonNode json(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }
}

package dev.qctl.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus of deferral reasons (reasons.tsv) that the classifier's tests read: three
 * tab-separated columns, known causes and sources, no duplicates. Where the lines come from is
 * said in the file; DeferralReasonsIT checks against the real MTAs that they are still genuine.
 */
class ReasonsCorpusFormatTest {
    static final Set<String> CAUSES = Set.of("destination-unreachable", "dns", "greylisted", "rate-limited", "blocklisted",
            "tls", "mailbox-full", "recipient-rejected", "local-config", "other");
    static final Set<String> SOURCES = Set.of("postfix", "exim", "exim-bounced", "postfix-production");

    static List<String> lines() throws IOException {
        try (InputStream in = ReasonsCorpusFormatTest.class.getResourceAsStream("reasons.tsv")) {
            assertThat(in).as("dev/qctl/diagnose/reasons.tsv").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }

    @Test
    void everyLineIsCauseSourceReason() throws IOException {
        List<String> lines = lines();
        assertThat(lines).hasSizeGreaterThan(30);
        Set<String> seen = new TreeSet<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(3);
            assertThat(CAUSES).as(line).contains(f[0]);
            assertThat(SOURCES).as(line).contains(f[1]);
            assertThat(f[2]).as(line).isNotBlank().isEqualTo(f[2].strip());
            assertThat(seen.add(f[1] + "\t" + f[2])).as("duplicate: " + line).isTrue();
        }
    }

    @Test
    void bothMtasAreThereForTheCommonCauses() throws IOException {
        List<String> lines = lines();
        for (String cause : List.of("destination-unreachable", "dns", "greylisted", "rate-limited", "blocklisted",
                "tls", "mailbox-full", "recipient-rejected", "local-config")) {
            for (String mta : List.of("postfix", "exim")) {
                assertThat(lines).as(cause + " from " + mta)
                        .anyMatch(l -> l.startsWith(cause + "\t" + mta + "\t") || l.startsWith(cause + "\t" + mta + "-"));
            }
        }
    }
}

package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bulk actions at the scale of an outbreak, on the real MTAs, in a 64 MiB heap: 10,000 messages
 * held, released and deleted by filter, and after each action every reported result, the audit
 * log's intent and result, and the queue itself must agree (scripts/bench/act-verify does the
 * comparing; the same script checks 100k in the benchmarks). Exim's 10,000 cross many chunks.
 */
class BulkActionsIT {
    private static final int MESSAGES = 10_000;

    @Test
    void postfixTenThousand() {
        Sandbox.requirePostfix();
        verify("postfix");
    }

    @Test
    void eximTenThousand() {
        Sandbox.requireExim();
        verify("exim");
    }

    private static void verify(String mta) {
        String tag = PostfixHarness.newTag();
        Proc.Result r = Proc.run(List.of("bash", Sandbox.baseDir().resolve("scripts/bench/act-verify").toString(),
                String.valueOf(MESSAGES), mta, tag), Map.of(), null);
        assertThat(r.exit()).as(r.describe()).isZero();
        for (String action : List.of("hold", "release", "delete")) {
            assertThat(r.stdout()).contains(mta + " " + action + " " + MESSAGES
                    + " messages").contains("every result, the audit log and the queue agree");
        }
    }
}

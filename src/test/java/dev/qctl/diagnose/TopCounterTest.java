package dev.qctl.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TopCounterTest {
    @Test
    void exactWhileTheKeysFit() {
        TopCounter c = new TopCounter(10);
        for (String k : "a b a c a b".split(" ")) {
            c.add(k);
        }
        assertThat(c.exact()).isTrue();
        assertThat(c.total()).isEqualTo(6);
        assertThat(c.top(2)).containsExactly(new TopCounter.Entry("a", 3, 0), new TopCounter.Entry("b", 2, 0));
    }

    @Test
    void tiesAreOrderedByKey() {
        TopCounter c = new TopCounter(10);
        c.add("z");
        c.add("m");
        c.add("a");
        assertThat(c.top(3)).extracting(TopCounter.Entry::key).containsExactly("a", "m", "z");
    }

    @Test
    void aHeavyKeySurvivesManyRareOnesAndItsLowerBoundHolds() {
        TopCounter c = new TopCounter(16);
        Random random = new Random(42);
        long heavy = 0;
        for (int i = 0; i < 100_000; i++) {
            if (random.nextInt(100) < 30) {
                c.add("runaway@example.org");
                heavy++;
            } else {
                c.add("user" + random.nextInt(50_000) + "@example.org");
            }
        }
        TopCounter.Entry top = c.top(1).get(0);
        assertThat(c.exact()).isFalse();
        assertThat(top.key()).isEqualTo("runaway@example.org");
        assertThat(top.guaranteed()).isLessThanOrEqualTo(heavy);
        assertThat(top.count()).isGreaterThanOrEqualTo(heavy);
        assertThat(c.total()).isEqualTo(100_000);
    }

    @Test
    void addAllKeepsTheTotal() {
        TopCounter a = new TopCounter(2);
        TopCounter b = new TopCounter(2);
        for (String k : "x y z x".split(" ")) {
            a.add(k);
        }
        b.add("x");
        TopCounter sum = new TopCounter(4);
        sum.addAll(a);
        sum.addAll(b);
        assertThat(sum.total()).isEqualTo(5);
        assertThat(sum.top(1).get(0).key()).isEqualTo("x");
    }
}

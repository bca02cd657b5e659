package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.mta.MtaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FleetTest {
    /** A transport that runs nothing; it only remembers being closed. */
    private static final class Idle implements Transport {
        final String name;
        final AtomicBoolean closed = new AtomicBoolean();

        Idle(String name) {
            this.name = name;
        }

        @Override
        public String target() {
            return name;
        }

        @Override
        public RunningCommand start(Command command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isExecutable(String path) {
            return false;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static HostTarget host(String name) {
        return new HostTarget(name, new Idle(name), MtaSettings.detect(), null, Clock.systemUTC());
    }

    private static Fleet fleet(Duration deadline, String... names) {
        List<HostTarget> hosts = new ArrayList<>();
        for (String n : names) {
            hosts.add(host(n));
        }
        return new Fleet(hosts, 4, deadline);
    }

    @Test
    void resultsComeInHostOrderWhateverFinishesFirst() {
        Fleet fleet = fleet(Duration.ofSeconds(10), "a", "b", "c");
        List<String> seen = new ArrayList<>();
        List<HostResult<String>> results = fleet.run((h, i) -> {
            sleep(300 - i * 100L); // the last host finishes first
            return h.name().toUpperCase();
        }, r -> seen.add(r.host()));
        assertThat(seen).containsExactly("a", "b", "c");
        assertThat(results).extracting(HostResult::value).containsExactly("A", "B", "C");
        assertThat(Fleet.exitCode(results)).isEqualTo(ExitCode.OK);
    }

    @Test
    void aFailingOrSlowHostBecomesAnErrorResultAndTheOthersStillCount() {
        Fleet fleet = fleet(Duration.ofMillis(500), "ok", "down", "slow");
        List<HostResult<String>> results = fleet.run((h, i) -> {
            if (h.name().equals("down")) {
                throw new QctlException(ExitCode.UNAVAILABLE, "cannot connect");
            }
            if (h.name().equals("slow")) {
                sleep(5000);
            }
            return "fine";
        });
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).error()).isEqualTo("cannot connect");
        assertThat(results.get(2).error()).contains("no result within");
        assertThat(fleet.hosts().get(2).abandoned()).isTrue();
        assertThat(Fleet.exitCode(results)).isEqualTo(ExitCode.PARTIAL);
        assertThat(Fleet.exitCode(results.subList(1, 3))).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void aSingleHostThrowsItsErrorAsWithoutFanOut() {
        Fleet fleet = fleet(Duration.ofSeconds(1), "local");
        assertThatThrownBy(() -> fleet.run((h, i) -> {
            throw new QctlException(ExitCode.NOT_FOUND, "no message X");
        })).isInstanceOf(QctlException.class).hasMessage("no message X");
    }

    @Test
    void aSudoRefusalNamesTheRule() {
        HostTarget h = new HostTarget("mx1", new Idle("mx1"), new MtaSettings(Mta.POSTFIX, null, null, null), "qctl",
                Clock.systemUTC());
        RuntimeException e = h.explain(new QctlException(ExitCode.PERMISSION, "sudo asked for a password"));
        assertThat(e.getMessage()).contains("qctl ALL=(root) NOPASSWD: /usr/sbin/postconf -h mail_version")
                .contains("/usr/sbin/postsuper ^-[hHrd] -$").doesNotContain("/bin/sh");
    }

    @Test
    void closingTheFleetClosesEveryConnection() {
        Fleet fleet = fleet(Duration.ofSeconds(1), "a", "b");
        fleet.close();
        assertThat(fleet.hosts()).allMatch(h -> ((Idle) baseOf(h)).closed.get());
    }

    private static Transport baseOf(HostTarget h) {
        return h.transport(); // no sudo: the transport is the base one
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

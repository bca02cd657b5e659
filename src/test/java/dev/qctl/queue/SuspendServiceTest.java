package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.CommandResult;
import dev.qctl.model.Mta;
import dev.qctl.model.Suspension;
import dev.qctl.mta.FakeHost;
import dev.qctl.mta.MtaSettings;
import dev.qctl.mta.SuspendHelper;
import dev.qctl.mta.SuspensionMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suspend use case over a host whose helper is simulated: read, change, write back, audit. */
class SuspendServiceTest {
    private static final String MAP = "/etc/exim4/qctl-suspend";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Runs once between a show and the next put, as the expiry job or another qctl would. */
    private Runnable meanwhile;

    private static String sum(String text) {
        return (text.hashCode() & 0x7fffffff) + "-" + text.length();
    }

    private FakeHost host(String map) {
        FakeHost[] self = new FakeHost[1];
        self[0] = new FakeHost(argv -> helper(self[0], argv));
        if (map != null) {
            self[0].files.put(MAP, map);
        }
        return self[0];
    }

    private CommandResult helper(FakeHost host, List<String> argv) {
        if (!argv.get(0).equals(SuspendHelper.PATH)) {
            return null;
        }
        String current = host.files.get(MAP);
        if (argv.get(1).equals("show")) {
            if (current == null) {
                return FakeHost.fail(3, "qctl-suspend: no suspension map " + MAP + " (run: qctl setup suspend)");
            }
            StringBuilder out = new StringBuilder("version 1\nsum " + sum(current) + "\n");
            current.lines().forEach(l -> out.append('.').append(l).append('\n'));
            if (meanwhile != null) {
                Runnable r = meanwhile;
                meanwhile = null;
                r.run();
            }
            return FakeHost.ok(out.toString());
        }
        if (argv.get(1).equals("put")) {
            if (!argv.get(5).equals(current == null ? "-" : sum(current))) {
                return FakeHost.fail(4, "qctl-suspend: changed meanwhile");
            }
            host.files.put(MAP, new String(host.stdin, StandardCharsets.UTF_8));
            return FakeHost.ok("changed\n");
        }
        return null;
    }

    private static Fleet fleet(FakeHost host) {
        return new Fleet(List.of(new HostTarget("mx1", host, new MtaSettings(Mta.EXIM, null, "/usr/sbin/exim4",
                "/etc/exim4/exim4.conf"), null, CLOCK)), 1, Duration.ofMinutes(1));
    }

    @Test
    void suspendWritesTheEntryAndAuditsBeforeAndAfter() throws Exception {
        FakeHost host = host(SuspensionMap.render(Mta.EXIM, List.of()));
        Path audit = dir.resolve("audit.log");
        SuspendService service = new SuspendService(AuditLog.at(audit), CLOCK, "alice");
        var results = service.suspend(fleet(host), List.of("GMail.com", "gmail.com."), Duration.ofHours(2), "ticket 4711", r -> { });
        assertThat(results.get(0).value()).extracting(SuspendService.Change::domain).containsExactly("gmail.com");
        assertThat(SuspensionMap.parse(Mta.EXIM, host.files.get(MAP))).containsExactly(
                new Suspension("gmail.com", NOW, NOW.plus(Duration.ofHours(2)), "ticket 4711", "alice"));
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"phase\":\"intent\"", "\"action\":\"suspend\"", "\"domains\":[\"gmail.com\"]",
                "\"until\":\"2026-12-01T14:00:00Z\"", "\"reason\":\"ticket 4711\"");
        assertThat(lines.get(1)).contains("\"phase\":\"result\"").doesNotContain("error");
    }

    @Test
    void aMapChangedMeanwhileIsReadAgainAndNothingIsLost() {
        Suspension other = new Suspension("other.example", NOW.minusSeconds(60), null, "by the other qctl", "bob");
        FakeHost host = host(SuspensionMap.render(Mta.EXIM, List.of()));
        meanwhile = () -> host.files.put(MAP, SuspensionMap.render(Mta.EXIM, List.of(other)));
        new SuspendService(AuditLog.none(), CLOCK, "alice").suspend(fleet(host), List.of("a.example"), null, "x", r -> { });
        assertThat(SuspensionMap.parse(Mta.EXIM, host.files.get(MAP))).extracting(Suspension::domain)
                .containsExactly("other.example", "a.example");
        assertThat(host.ran.stream().filter(c -> c.contains(" show ")).count()).isEqualTo(2);
    }

    @Test
    void resumeRemovesOnlyWhatWasAskedAndKeepsTheStart() {
        Suspension a = new Suspension("a.example", NOW.minusSeconds(600), null, "a", "bob");
        Suspension b = new Suspension("b.example", NOW.minusSeconds(300), null, "b", "bob");
        FakeHost host = host(SuspensionMap.render(Mta.EXIM, List.of(a, b)));
        SuspendService service = new SuspendService(AuditLog.none(), CLOCK, "alice");
        var resumed = service.resume(fleet(host), List.of("a.example", "c.example"), r -> { }).get(0).value();
        assertThat(resumed).extracting(SuspendService.Change::before).containsExactly(a, null);
        assertThat(SuspensionMap.parse(Mta.EXIM, host.files.get(MAP))).containsExactly(b);
        service.suspend(fleet(host), List.of("b.example"), Duration.ofMinutes(5), "longer", r -> { });
        assertThat(SuspensionMap.parse(Mta.EXIM, host.files.get(MAP)).get(0).since()).isEqualTo(b.since());
    }

    @Test
    void aHostWithoutTheSetupSaysWhatToRunAndIsNotAudited() throws Exception {
        FakeHost host = host(null);
        Path audit = dir.resolve("audit.log");
        assertThatThrownBy(() -> new SuspendService(AuditLog.at(audit), CLOCK, "alice")
                .suspend(fleet(host), List.of("a.example"), null, "x", r -> { }))
                .hasMessageContaining("suspending is not set up on mx1: run qctl setup suspend -H mx1");
        assertThat(Files.exists(audit) ? Files.readAllLines(audit) : List.of()).isEmpty();
    }
}

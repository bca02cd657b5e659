package dev.qctl.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.CommandResult;
import dev.qctl.mta.FakeHost;
import dev.qctl.mta.SuspendHelper;
import dev.qctl.mta.SuspendSetup;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostfixSuspendSetupTest {
    private static final String MAIN = "/etc/postfix/main.cf";
    private static final String MASTER = "/etc/postfix/master.cf";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private boolean checkFails;
    private boolean retryService = true;

    private FakeHost host() {
        FakeHost[] self = new FakeHost[1];
        self[0] = new FakeHost(argv -> answer(self[0], argv));
        self[0].files.put(MAIN, "relayhost = [mx]:25\ntransport_maps = hash:/etc/postfix/transport\n");
        self[0].files.put(MASTER, "smtp unix - - y - - smtp\n");
        return self[0];
    }

    private CommandResult answer(FakeHost host, List<String> argv) {
        String line = String.join(" ", argv);
        if (line.endsWith("-h mail_version command_directory maximal_queue_lifetime bounce_queue_lifetime")) {
            return FakeHost.ok("3.7.11\n/usr/sbin\n5d\n5d\n");
        }
        if (line.endsWith("-h config_directory default_database_type transport_maps")) {
            String main = host.files.get(MAIN);
            String maps = main.lines().filter(l -> l.startsWith("transport_maps = ")).findFirst().orElse("= ").split("= ", 2)[1];
            return FakeHost.ok("/etc/postfix\nhash\n" + maps + "\n");
        }
        if (line.endsWith("-M retry/unix")) {
            return FakeHost.ok(retryService ? "retry      unix  -       -       y       -       -       error\n" : "");
        }
        if (argv.contains("-e")) {
            String value = argv.get(argv.size() - 1);
            host.files.put(MAIN, host.files.get(MAIN).replaceAll("(?m)^transport_maps = .*$", value));
            return FakeHost.ok("");
        }
        if (argv.contains("-M")) {
            host.files.put(MASTER, host.files.get(MASTER) + argv.get(argv.size() - 1) + "\n");
            return FakeHost.ok("");
        }
        if (line.equals("/usr/sbin/postfix check")) {
            return checkFails ? FakeHost.fail(1, "postfix/postfix-script: fatal: bad map type in transport_maps") : FakeHost.ok("");
        }
        if (line.equals("/usr/sbin/postfix status") || line.equals("/usr/sbin/postfix reload")) {
            return FakeHost.ok("");
        }
        if (line.startsWith(SuspendHelper.PATH + " put postfix /etc/postfix/qctl-suspend - -")) {
            host.files.put("/etc/postfix/qctl-suspend", "# empty\n");
            return FakeHost.ok("changed\n");
        }
        return null;
    }

    private static PostfixSuspendSetup setup(FakeHost host) {
        return new PostfixSuspendSetup(host, new PostfixTools(host, null), CLOCK);
    }

    @Test
    void qctlsMapGoesFirstAndOnlyOnce() {
        String entry = "hash:/etc/postfix/qctl-suspend";
        assertThat(PostfixSuspendSetup.newTransportMaps("", entry)).isEqualTo(entry);
        assertThat(PostfixSuspendSetup.newTransportMaps("hash:/a,\n  regexp:/b " + entry, entry))
                .isEqualTo(entry + ", hash:/a, regexp:/b");
        assertThat(PostfixSuspendSetup.firstIs(entry + ", hash:/a", entry)).isTrue();
        assertThat(PostfixSuspendSetup.firstIs("hash:/a, " + entry, entry)).isFalse();
    }

    @Test
    void thePlanShowsTheExactChangeAndApplyingItKeepsABackup() {
        FakeHost host = host();
        retryService = false;
        SuspendSetup.Plan plan = setup(host).plan();
        assertThat(plan.changes()).contains(
                "/etc/postfix/main.cf: transport_maps = hash:/etc/postfix/qctl-suspend, hash:/etc/postfix/transport"
                        + " (was: hash:/etc/postfix/transport)",
                "/etc/postfix/master.cf: add the service 'retry unix - - n - - error'");
        assertThat(host.ran).noneMatch(c -> c.startsWith("tee") || c.contains(" -e "));
        List<String> log = new ArrayList<>();
        plan.apply(log::add);
        assertThat(host.files.get(MAIN)).contains("transport_maps = hash:/etc/postfix/qctl-suspend, hash:/etc/postfix/transport");
        assertThat(host.files.get(MASTER)).contains("retry unix - - n - - error");
        assertThat(host.files).containsEntry(MAIN + ".qctl-backup-20261201-120000",
                "relayhost = [mx]:25\ntransport_maps = hash:/etc/postfix/transport\n");
        assertThat(host.files.get(SuspendHelper.PATH)).isEqualTo(SuspendHelper.script());
        assertThat(host.files).containsKey("/etc/cron.d/qctl-suspend-postfix-etc-postfix-qctl-suspend");
        assertThat(host.ran).contains("/usr/sbin/postfix check", "/usr/sbin/postfix reload");
        retryService = true;
        assertThat(setup(host).plan().done()).isTrue();
    }

    @Test
    void aFailedCheckPutsMainCfAndMasterCfBack() {
        FakeHost host = host();
        retryService = false;
        checkFails = true;
        String main = host.files.get(MAIN);
        String master = host.files.get(MASTER);
        SuspendSetup.Plan plan = setup(host).plan();
        assertThatThrownBy(() -> plan.apply(l -> { }))
                .hasMessageContaining("postfix check failed after the change")
                .hasMessageContaining("bad map type")
                .hasMessageContaining("rolled back");
        assertThat(host.files.get(MAIN)).isEqualTo(main);
        assertThat(host.files.get(MASTER)).isEqualTo(master);
        assertThat(host.files).doesNotContainKey("/etc/postfix/qctl-suspend");
        assertThat(host.ran).doesNotContain("/usr/sbin/postfix reload");
        assertThat(host.files.keySet()).noneMatch(f -> f.startsWith("/etc/cron.d/"));
    }
}

package dev.qctl.exec.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.exec.CommandResult;
import dev.qctl.model.Mta;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Recognising an MTA container from `docker top` / `podman top` (output recorded on the sandbox) or its image. */
class ContainerScanTest {
    private static final String DOCKER_TOP_POSTFIX = """
            UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
            message+            11778               26805               9                   10:25               ?                   00:00:07            showq -t unix -u
            root                26805               26784               0                   09:29               ?                   00:00:03            /usr/lib/postfix/sbin/master -i
            message+            27082               26805               0                   09:30               ?                   00:00:04            qmgr -l -t unix -u
            """;
    private static final String DOCKER_TOP_EXIM = """
            UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
            message+            27981               27961               0                   09:30               ?                   00:00:00            /usr/sbin/exim4 -bdf -q1h
            """;
    private static final String PODMAN_TOP_POSTFIX = """
            USER        PID         PPID        %CPU        ELAPSED           TTY         TIME        COMMAND
            root        1           0           0.000       23m23.692075735s  ?           0s          /usr/lib/postfix/sbin/master -i
            postfix     84          1           0.000       23m21.692253769s  ?           0s          pickup -l -t unix -u
            """;
    private static final String DOCKER_TOP_REDIS = """
            UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
            999                 4242                4221                0                   09:30               ?                   00:00:09            redis-server *:6379
            """;

    private static ContainerRef docker(String name) {
        return new ContainerRef(ContainerRuntime.DOCKER, null, name, null);
    }

    private static CommandResult ok(String out) {
        return new CommandResult(0, out.getBytes(StandardCharsets.UTF_8), "");
    }

    @Test
    void byProcessFirst() {
        assertThat(ContainerScan.recognise(docker("mx"), "debian:12", ok(DOCKER_TOP_POSTFIX)))
                .isEqualTo(new ContainerScan.Found(docker("mx"), "debian:12", Mta.POSTFIX, "process"));
        assertThat(ContainerScan.recognise(docker("mx"), "debian:12", ok(DOCKER_TOP_EXIM)).mta()).isEqualTo(Mta.EXIM);
        assertThat(ContainerScan.byProcess(PODMAN_TOP_POSTFIX)).isEqualTo(Mta.POSTFIX);
        assertThat(ContainerScan.byProcess(DOCKER_TOP_REDIS)).isNull();
    }

    @Test
    void byImageOrNameOfTheCommonStacksWhenTheProcessesSayNothing() {
        assertThat(ContainerScan.recognise(docker("mailcowdockerized-postfix-mailcow-1"),
                "ghcr.io/mailcow/postfix:1.80", new CommandResult(1, new byte[0], "permission denied")))
                .isEqualTo(new ContainerScan.Found(docker("mailcowdockerized-postfix-mailcow-1"),
                        "ghcr.io/mailcow/postfix:1.80", Mta.POSTFIX, "image"));
        assertThat(ContainerScan.recognise(docker("mailserver"), "ghcr.io/docker-mailserver/docker-mailserver:14", null).mta())
                .isEqualTo(Mta.POSTFIX);
        assertThat(ContainerScan.recognise(docker("mailu-smtp-1"), "ghcr.io/mailu/postfix:2024.06", ok(DOCKER_TOP_REDIS)).mta())
                .isEqualTo(Mta.POSTFIX);
        assertThat(ContainerScan.recognise(docker("relay"), "example/exim-relay:4.97", null).mta()).isEqualTo(Mta.EXIM);
        assertThat(ContainerScan.recognise(docker("mailcowdockerized-redis-mailcow-1"), "redis:7-alpine", ok(DOCKER_TOP_REDIS)))
                .isNull();
    }
}

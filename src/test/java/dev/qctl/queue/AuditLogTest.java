package dev.qctl.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qctl.QctlException;
import dev.qctl.model.ActionOutcome.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");
    private static final AuditLog.Run RUN = new AuditLog.Run("run-1", "delete", "filter", "--from 'spam*'");

    @TempDir
    Path dir;

    private static AuditLog.Messages messages(MessageTable t) {
        return new AuditLog.Messages() {
            public int size() {
                return t.size();
            }

            public String id(int i) {
                return t.id(i);
            }

            public Result result(int i) {
                return t.result(i);
            }

            public String detail(int i) {
                return t.detail(i);
            }
        };
    }

    @Test
    void intentAndResultShareTheRunAndTheFileIsPrivate() throws IOException {
        Path file = dir.resolve("state/qctl/audit.log");
        AuditLog log = AuditLog.at(file);
        log.check();
        log.intent(RUN, NOW, "mx1", "postfix", List.of("A1", "B2"));
        MessageTable t = new MessageTable();
        t.setOutcome(t.add("A1"), Result.OK, "");
        t.setOutcome(t.add("B2"), Result.NOT_ATTEMPTED, "not reached: connection lost");
        log.result(RUN, NOW, "mx1", "postfix", messages(t), "connection lost");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode intent = JSON.readTree(lines.get(0));
        JsonNode result = JSON.readTree(lines.get(1));
        assertThat(intent.get("run").asText()).isEqualTo("run-1").isEqualTo(result.get("run").asText());
        assertThat(intent.get("ids").toString()).isEqualTo("[\"A1\",\"B2\"]");
        assertThat(intent.get("filter").asText()).isEqualTo("--from 'spam*'");
        assertThat(result.get("counts").get("ok").asInt()).isOne();
        assertThat(result.get("counts").get("not-attempted").asInt()).isOne();
        assertThat(result.get("error").asText()).isEqualTo("connection lost");
        assertThat(result.get("messages").get(1).get("detail").asText()).isEqualTo("not reached: connection lost");
    }

    @Test
    void anExistingLogWithWiderModeIsMadePrivate() throws IOException {
        Path file = Files.createFile(dir.resolve("audit.log"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        AuditLog.at(file).check();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws IOException {
        Path target = Files.writeString(dir.resolve("elsewhere"), "");
        Path link = Files.createSymbolicLink(dir.resolve("audit.log"), target);
        assertThatThrownBy(() -> AuditLog.at(link).check()).isInstanceOf(QctlException.class)
                .hasMessageContaining("is a symbolic link").hasMessageContaining("nothing was changed");
        Path linkedDir = Files.createSymbolicLink(dir.resolve("linked"), Files.createDirectory(dir.resolve("real")));
        assertThatThrownBy(() -> AuditLog.at(linkedDir.resolve("audit.log")).check()).isInstanceOf(QctlException.class)
                .hasMessageContaining("is a symbolic link");
        assertThat(Files.readString(target)).isEmpty();
    }

    @Test
    void disabledWritesNothing() {
        AuditLog none = AuditLog.none();
        none.check();
        none.intent(RUN, NOW, "mx1", "postfix", List.of("A1"));
        assertThat(none.enabled()).isFalse();
        assertThat(dir.toFile().list()).isEmpty();
    }
}

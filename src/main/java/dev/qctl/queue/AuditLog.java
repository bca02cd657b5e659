package dev.qctl.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qctl.model.ActionOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Appends one JSON line per action that changed a queue: when, who, where, what, and each
 * message's outcome. Where: {@code --audit-log} or {@code QCTL_AUDIT_LOG}; else as root
 * {@code /var/log/qctl/audit.log}; else {@code $XDG_STATE_HOME/qctl/audit.log}
 * ({@code ~/.local/state/qctl/audit.log}).
 */
public final class AuditLog {
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public static Path defaultPath(Map<String, String> env, boolean root) {
        String explicit = env.get("QCTL_AUDIT_LOG");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        if (root) {
            return Path.of("/var/log/qctl/audit.log");
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return base.resolve("qctl").resolve("audit.log");
    }

    /** The entry for one action on one target. */
    public record Entry(Instant time, String user, String host, String mta, String action, String selection,
                        List<ActionOutcome> outcomes) {
    }

    public void append(Entry entry) {
        String line = toJson(entry) + "\n";
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    static String toJson(Entry e) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("user", e.user());
            g.writeStringField("host", e.host());
            g.writeStringField("mta", e.mta());
            g.writeStringField("action", e.action());
            g.writeStringField("selection", e.selection());
            Map<ActionOutcome.Result, Integer> counts = new EnumMap<>(ActionOutcome.Result.class);
            e.outcomes().forEach(o -> counts.merge(o.result(), 1, Integer::sum));
            g.writeObjectFieldStart("counts");
            for (ActionOutcome.Result r : ActionOutcome.Result.values()) {
                g.writeNumberField(r.label(), counts.getOrDefault(r, 0));
            }
            g.writeEndObject();
            g.writeArrayFieldStart("messages");
            for (ActionOutcome o : e.outcomes()) {
                g.writeStartObject();
                g.writeStringField("id", o.id());
                g.writeStringField("result", o.result().label());
                if (!o.detail().isEmpty()) {
                    g.writeStringField("detail", o.detail());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}

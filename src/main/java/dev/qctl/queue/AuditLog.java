package dev.qctl.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.ActionOutcome;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The audit log: one JSON line when an action is about to change a queue (its intent: the run ID,
 * who, where, how the messages were chosen and every ID) and one when it is over (the same run ID,
 * the counts and each message's result), so a run that dies midway still leaves its intent. The
 * file is 0600 in a 0700 directory, never reached through a symbolic link, and written under a
 * file lock (several qctl at once). Where: {@code --audit-log} or {@code QCTL_AUDIT_LOG}; else as
 * root {@code /var/log/qctl/audit.log}; else {@code $XDG_STATE_HOME/qctl/audit.log}
 * ({@code ~/.local/state/qctl/audit.log}). An action whose log cannot be written is refused.
 */
public final class AuditLog {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final JsonFactory JSON = new JsonFactory();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path file;
    private final String user;

    private AuditLog(Path file, String user) {
        this.file = file;
        this.user = user;
    }

    public static AuditLog at(Path file) {
        return new AuditLog(file, System.getProperty("user.name"));
    }

    /** No audit log at all: {@code --no-audit}, asked for explicitly. */
    public static AuditLog none() {
        return new AuditLog(null, System.getProperty("user.name"));
    }

    /** The log for these options: the file given, else the default place. */
    public static AuditLog of(Path given, Map<String, String> env, boolean disabled) {
        if (disabled) {
            return none();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        return at(given != null ? given : defaultPath(env, root));
    }

    public boolean enabled() {
        return file != null;
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

    /** A new run's ID: when, and a random part. */
    public static String newRunId(Instant now) {
        return Long.toString(now.getEpochSecond(), 36) + "-" + String.format("%06x", RANDOM.nextInt(1 << 24));
    }

    /** What one run is: the same on its intent and its result entries. */
    public record Run(String id, String action, String selection, String filter) {
    }

    /** The entries' messages, written as they are read (a million IDs never sit in a list). */
    public interface Messages {
        int size();

        String id(int i);

        ActionOutcome.Result result(int i);

        String detail(int i);
    }

    /**
     * Opens the log for appending now, creating it (0600) and its directory (0700) if need be, so an
     * action that could not be audited is refused before anything changes.
     */
    public void check() {
        if (file == null) {
            return;
        }
        try (FileChannel ignored = open()) {
            // opened and closed: writable
        } catch (IOException e) {
            throw refused(e);
        }
    }

    /** Before acting on one host: every ID the action is about to hand to the MTA. */
    public void intent(Run run, Instant time, String host, String mta, java.util.List<String> ids) {
        write(true, g -> {
            head(g, run, time, "intent", host, mta);
            g.writeNumberField("count", ids.size());
            g.writeArrayFieldStart("ids");
            for (String id : ids) {
                g.writeString(id);
            }
            g.writeEndArray();
        });
    }

    /** After acting on one host: counts and each message's result; {@code error} when the host failed midway. */
    public void result(Run run, Instant time, String host, String mta, Messages messages, String error) {
        write(false, g -> {
            head(g, run, time, "result", host, mta);
            int[] counts = new int[ActionOutcome.Result.values().length];
            for (int i = 0; i < messages.size(); i++) {
                counts[messages.result(i).ordinal()]++;
            }
            g.writeObjectFieldStart("counts");
            for (ActionOutcome.Result r : ActionOutcome.Result.values()) {
                g.writeNumberField(r.label(), counts[r.ordinal()]);
            }
            g.writeEndObject();
            if (error != null) {
                g.writeStringField("error", error);
            }
            g.writeArrayFieldStart("messages");
            for (int i = 0; i < messages.size(); i++) {
                g.writeStartObject();
                g.writeStringField("id", messages.id(i));
                g.writeStringField("result", messages.result(i).label());
                String detail = messages.detail(i);
                if (detail != null && !detail.isEmpty()) {
                    g.writeStringField("detail", detail);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /**
     * A change to the suspended destinations on one host ({@code suspend}, {@code resume}): its intent
     * before the MTA's map is written, its result after ({@code error} when it failed).
     */
    public void destinations(Run run, Instant time, String phase, String host, String mta, java.util.List<String> domains,
                             Instant until, String reason, String error) {
        write(phase.equals("intent"), g -> {
            head(g, run, time, phase, host, mta);
            g.writeArrayFieldStart("domains");
            for (String d : domains) {
                g.writeString(d);
            }
            g.writeEndArray();
            if (until != null) {
                g.writeStringField("until", until.toString());
            }
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
            if (error != null) {
                g.writeStringField("error", error);
            }
        });
    }

    private void head(JsonGenerator g, Run run, Instant time, String phase, String host, String mta) throws IOException {
        g.writeStringField("time", time.toString());
        g.writeStringField("run", run.id());
        g.writeStringField("phase", phase);
        g.writeStringField("user", user);
        g.writeStringField("host", host);
        g.writeStringField("mta", mta);
        g.writeStringField("action", run.action());
        g.writeStringField("selection", run.selection());
        if (run.filter() != null && !run.filter().isEmpty()) {
            g.writeStringField("filter", run.filter());
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private synchronized void write(boolean beforeActing, Body body) {
        if (file == null) {
            return;
        }
        try (FileChannel channel = open(); FileLock lock = channel.lock()) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            JsonGenerator g = JSON.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            if (beforeActing) {
                throw refused(e);
            }
            throw new QctlException(ExitCode.ERROR, "cannot write the result to the audit log " + file + ": "
                    + reason(e) + " (its intent entry is there)", e);
        }
    }

    private FileChannel open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        if (dir != null && Files.isSymbolicLink(dir)) {
            throw new FileSystemException(dir.toString(), null, "is a symbolic link");
        }
        if (Files.isSymbolicLink(file)) {
            throw new FileSystemException(file.toString(), null, "is a symbolic link");
        }
        FileChannel channel = FileChannel.open(file, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(FILE_MODE));
        if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE_MODE)) {
            Files.setPosixFilePermissions(file, FILE_MODE); // an older log, or one made under another umask
        }
        return channel;
    }

    private QctlException refused(IOException e) {
        return new QctlException(ExitCode.ERROR, "cannot write the audit log " + file + ": " + reason(e)
                + " (nothing was changed; give --audit-log FILE, or --no-audit to act without one)", e);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}

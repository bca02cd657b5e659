package dev.qctl.mta.postfix;

import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.ShellQuarantine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Postfix's quarantine: the queue files themselves ({@code DIR/RUN/QUEUE/ID}), copied with their
 * owner and mode, read back with {@code postcat -e FILE…} (the same envelope parser as a lookup).
 * Postfix cannot take a queue file back, so restoring re-submits the message: {@code postcat -bh}
 * of the kept file piped into {@code sendmail -i -f SENDER -- RECIPIENT…}, with the recipients
 * still undelivered. The sender, those recipients, the headers and the body are the same; the
 * message gets a new queue ID and arrival time, pickup adds a {@code Received:} header on top, and
 * the original recipient (ORCPT) and DSN requests of each recipient are not kept.
 */
final class PostfixQuarantine extends ShellQuarantine {
    /** The queue file, at least a block; the envelope records on top of the message. */
    private static final long OVERHEAD_PER_MESSAGE = 4096 + 1024;

    private final PostfixTools tools;
    private final String configDir;
    private final Supplier<String> queueDirectory;

    /** @param script the installed quarantine script, or null (see {@link ShellQuarantine}) */
    PostfixQuarantine(Transport transport, QuarantineSettings settings, PostfixTools tools, String configDir,
                      Supplier<String> queueDirectory, String script) {
        super(transport, settings, script);
        this.tools = tools;
        this.configDir = configDir;
        this.queueDirectory = queueDirectory;
    }

    @Override
    protected String mtaLabel() {
        return "postfix";
    }

    @Override
    public long estimate(int messages, long bytes) {
        return bytes + messages * OVERHEAD_PER_MESSAGE;
    }

    @Override
    protected Command storeCommand(String run, String minFreeKb) {
        return script("store-postfix", run, minFreeKb, queueDirectory.get());
    }

    @Override
    protected Stream<QueuedMessage> listRun(String run, Consumer<String> warnings) {
        Command command = script("envelopes", withConfig(run, tools.path("postcat")));
        Stream.Builder<QueuedMessage> found = Stream.builder();
        try (RunningCommand running = transport.start(command)) {
            running.stdin().close();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8))) {
                new PostcatEnvelopes(transport.target(), ZoneId.systemDefault(), warnings).read(reader, found::add);
            }
            running.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found.build();
    }

    @Override
    protected Command restoreCommand(String run) {
        return script("restore-postfix", withConfig(run, tools.path("postcat"), tools.path("sendmail")));
    }

    /** Per message: ID, queue, sender ("" for the null sender), the count and the undelivered recipients. */
    @Override
    protected void writeRestoreInput(List<QueuedMessage> messages, OutputStream in) throws IOException {
        for (QueuedMessage m : messages) {
            List<String> open = undelivered(m);
            writeLines(List.of(m.id(), m.queue().label(), m.sender(), Integer.toString(open.size())), in);
            writeLines(open, in);
        }
    }

    static List<String> undelivered(QueuedMessage m) {
        return m.recipients().stream().filter(r -> r.status() != RecipientStatus.DELIVERED).map(Recipient::address).toList();
    }

    @Override
    protected String restoredDetail() {
        return "re-submitted (a new queue ID)";
    }

    /** The arguments, then the configuration directory if there is one (none rather than an empty one: sudoers pins it). */
    private String[] withConfig(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (configDir != null) {
            all.add(configDir);
        }
        return all.toArray(String[]::new);
    }
}

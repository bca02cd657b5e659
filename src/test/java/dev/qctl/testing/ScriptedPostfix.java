package dev.qctl.testing;

import dev.qctl.exec.Command;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory Postfix behind a {@link Transport}, answering as Postfix's tools do: postconf's
 * probe, {@code postqueue -j}, {@code postcat -e -q ID…} and {@code postsuper -h|-H|-d -} (one
 * stderr line per message it found, silence for the others). It can fail like a real host: the
 * connection lost after a number of messages, a queue ID reused between two readings.
 */
public final class ScriptedPostfix implements Transport {
    /** One queued message: all the scripted tools need. */
    public static final class Message {
        public final String id;
        public String queue;
        public long arrival;
        public String sender;
        public final String recipient;

        Message(String id, String queue, long arrival, String sender, String recipient) {
            this.id = id;
            this.queue = queue;
            this.arrival = arrival;
            this.sender = sender;
            this.recipient = recipient;
        }
    }

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final Map<String, Message> queue = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
    private int failAfter = -1;
    private Consumer<ScriptedPostfix> beforeSecondListing;
    private int listings;

    public ScriptedPostfix add(String id, String queueName, long arrival, String sender, String recipient) {
        queue.put(id, new Message(id, queueName, arrival, sender, recipient));
        return this;
    }

    /** postsuper acts on this many messages, then the connection is lost. */
    public ScriptedPostfix failAfter(int messages) {
        failAfter = messages;
        return this;
    }

    /** Runs once, right before the second {@code postqueue -j} or {@code postcat} (the re-check). */
    public ScriptedPostfix beforeSecondReading(Consumer<ScriptedPostfix> change) {
        beforeSecondListing = change;
        return this;
    }

    public Message message(String id) {
        return queue.get(id);
    }

    public Map<String, Message> queue() {
        return queue;
    }

    /** Every command run, as argv. */
    public List<List<String>> commands() {
        return List.copyOf(commands);
    }

    public long count(String program, String firstArg) {
        return commands().stream().filter(a -> a.get(0).endsWith("/" + program) && a.size() > 1 && a.get(1).equals(firstArg))
                .count();
    }

    @Override
    public String target() {
        return "local";
    }

    @Override
    public boolean isExecutable(String path) {
        return path.equals("/usr/sbin/postconf");
    }

    @Override
    public RunningCommand start(Command command) {
        List<String> argv = command.argv();
        commands.add(argv);
        String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        switch (program) {
            case "postconf":
                return ScriptedProcess.now(ScriptedProcess.Answer.of("3.7.11\n/usr/sbin\n5d\n5d\n"));
            case "postqueue":
                if (argv.get(1).equals("-j")) {
                    secondReading();
                    return ScriptedProcess.now(ScriptedProcess.Answer.of(json()));
                }
                return ScriptedProcess.now(ScriptedProcess.Answer.of(""));
            case "postcat":
                secondReading();
                return ScriptedProcess.now(ScriptedProcess.Answer.of(envelopes(argv.subList(3, argv.size()))));
            case "postsuper":
                return ScriptedProcess.fromStdin(in -> postsuper(argv.get(1), in));
            default:
                throw new ExecException("cannot run " + program);
        }
    }

    private synchronized void secondReading() {
        if (++listings == 2 && beforeSecondListing != null) {
            beforeSecondListing.accept(this);
        }
    }

    private String json() {
        StringBuilder out = new StringBuilder();
        synchronized (queue) {
            for (Message m : queue.values()) {
                out.append("{\"queue_name\": \"").append(m.queue).append("\", \"queue_id\": \"").append(m.id)
                        .append("\", \"arrival_time\": ").append(m.arrival).append(", \"message_size\": 500, \"sender\": \"")
                        .append(m.sender).append("\", \"recipients\": [{\"address\": \"").append(m.recipient).append("\"}]}\n");
            }
        }
        return out.toString();
    }

    private String envelopes(List<String> ids) {
        StringBuilder out = new StringBuilder();
        for (String id : ids) {
            Message m = queue.get(id);
            if (m == null) {
                continue;
            }
            out.append("*** ENVELOPE RECORDS ").append(m.queue).append('/').append(id.charAt(0)).append('/').append(id)
                    .append(" ***\nmessage_size:             500             690               1\n")
                    .append("message_arrival_time: ").append(ASCTIME.format(Instant.ofEpochSecond(m.arrival)
                            .atZone(ZoneId.systemDefault()))).append('\n')
                    .append("sender: ").append(m.sender).append("\nrecipient: ").append(m.recipient).append('\n')
                    .append("*** MESSAGE CONTENTS ").append(m.queue).append('/').append(id).append(" ***\n");
        }
        return out.toString();
    }

    private ScriptedProcess.Answer postsuper(String option, String stdin) {
        List<String> lines = new ArrayList<>();
        int acted = 0;
        for (String id : stdin.split("\n")) {
            if (id.isEmpty()) {
                continue;
            }
            if (failAfter >= 0 && acted >= failAfter) {
                return new ScriptedProcess.Answer("", lines, -1, new ExecException("the connection to local was lost"));
            }
            Message m = queue.get(id);
            if (m == null) {
                continue;
            }
            acted++;
            switch (option) {
                case "-h" -> {
                    m.queue = "hold";
                    lines.add("postsuper: " + id + ": placed on hold");
                }
                case "-H" -> {
                    m.queue = "deferred";
                    lines.add("postsuper: " + id + ": released from hold");
                }
                case "-d" -> {
                    queue.remove(id);
                    lines.add("postsuper: " + id + ": removed");
                }
                default -> throw new IllegalArgumentException("postsuper " + option);
            }
        }
        lines.add("postsuper: Done: " + acted + " messages");
        return ScriptedProcess.Answer.of("", lines, 0);
    }
}

package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sandbox's real Exim as its own tools report it: the oracle for the Exim end-to-end tests. */
final class EximQueue {
    private static final Pattern HEAD = Pattern.compile("^\\s*\\d+[smhdw]\\s+\\S+\\s+(\\S+)\\s+<(.*?)>( \\*\\*\\* frozen \\*\\*\\*)?$");

    /** One message of {@code exim -bp}: ID, sender ("" for <>), frozen, recipients with their D marks. */
    record BpMessage(String id, String sender, boolean frozen, Map<String, Boolean> recipientsDelivered) {
    }

    private EximQueue() {
    }

    static String bin() {
        return Sandbox.get("QCTL_SANDBOX_EXIM_BIN");
    }

    static String config() {
        return Sandbox.get("QCTL_SANDBOX_EXIM_CONFIG");
    }

    /** qctl arguments that point at the sandbox Exim. */
    static String[] target(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--exim-bin", bin(), "--exim-config", config()));
        return all.toArray(new String[0]);
    }

    static Proc.Result exim(String... args) {
        List<String> argv = new ArrayList<>(List.of(bin(), "-C", config()));
        argv.addAll(List.of(args));
        return Proc.run(argv, Map.of(), null);
    }

    /** Injects messages from TAG-i@example.org (kept in the queue: -odq) and returns their IDs, sorted. */
    static List<String> inject(String tag, int count) {
        for (int i = 0; i < count; i++) {
            String sender = tag + "-" + i + "@example.org";
            String message = "From: " + sender + "\nTo: rcpt@" + tag + ".example\nSubject: " + tag + " " + i
                    + "\n\nqctl end-to-end test message " + i + "\n";
            Proc.Result r = Proc.run(List.of(bin(), "-C", config(), "-odq", "-f", sender, "rcpt@" + tag + ".example"),
                    Map.of(), message.getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.describe()).isZero();
        }
        List<String> ids = bp().values().stream().filter(m -> m.sender().startsWith(tag + "-"))
                .map(BpMessage::id).sorted().toList();
        assertThat(ids).hasSize(count);
        return ids;
    }

    /** The whole queue but the given IDs: what must not change when only those were acted on. */
    static Map<String, BpMessage> without(Map<String, BpMessage> queue, List<String> ids) {
        Map<String, BpMessage> rest = new java.util.TreeMap<>(queue);
        ids.forEach(rest::remove);
        return rest;
    }

    static Map<String, BpMessage> bp() {
        Proc.Result r = exim("-bp");
        assertThat(r.exit()).as(r.describe()).isZero();
        return parseBp(r.stdout());
    }

    /** {@code exim -bp} output taken apart (also the container's, see Containers). */
    static Map<String, BpMessage> parseBp(String bpOutput) {
        Map<String, BpMessage> messages = new LinkedHashMap<>();
        String id = null;
        String sender = null;
        boolean frozen = false;
        Map<String, Boolean> recipients = null;
        for (String line : (bpOutput + "\n").split("\n", -1)) {
            Matcher m = HEAD.matcher(line);
            if (m.matches()) {
                id = m.group(1);
                sender = m.group(2);
                frozen = m.group(3) != null;
                recipients = new LinkedHashMap<>();
            } else if (line.isBlank()) {
                if (id != null) {
                    messages.put(id, new BpMessage(id, sender, frozen, recipients));
                }
                id = null;
            } else if (id != null) {
                String t = line.strip();
                boolean delivered = t.startsWith("D ");
                recipients.put(delivered ? t.substring(2).strip() : t, delivered);
            }
        }
        return messages;
    }
}

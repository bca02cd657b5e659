package dev.qctl.mta.exim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes hand-made -H files in Exim's format (lengths computed), for cases no real Exim produced here. */
final class HeaderFileBuilder {
    private final String id;
    private String sender = "alice@example.org";
    private String owner = "Debian-exim 104 107";
    private long time = 1795823199;
    private final List<String> flags = new ArrayList<>(List.of("-received_time_usec .898631", "-body_linecount 1"));
    private final List<String> tree = new ArrayList<>();
    private final List<String> recipients = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();

    private HeaderFileBuilder(String id) {
        this.id = id;
    }

    static HeaderFileBuilder message(String id) {
        return new HeaderFileBuilder(id);
    }

    HeaderFileBuilder sender(String value) {
        sender = value;
        return this;
    }

    /** The owner line: the caller of exim (login uid gid). */
    HeaderFileBuilder owner(String line) {
        owner = line;
        return this;
    }

    HeaderFileBuilder time(long seconds) {
        time = seconds;
        return this;
    }

    HeaderFileBuilder flag(String line) {
        flags.add(line);
        return this;
    }

    /** A non-recipients tree node line such as "YN bob@example.com", in preorder. */
    HeaderFileBuilder treeNode(String line) {
        tree.add(line);
        return this;
    }

    HeaderFileBuilder recipient(String line) {
        recipients.add(line);
        return this;
    }

    /** A header with its type letter (' ' for none, '*' for deleted); the newline is added. */
    HeaderFileBuilder header(char type, String text) {
        String withNewline = text + "\n";
        int length = withNewline.getBytes(StandardCharsets.UTF_8).length;
        headers.add(String.format("%03d%c %s", length, type, withNewline));
        return this;
    }

    byte[] build() {
        StringBuilder sb = new StringBuilder();
        sb.append(id).append("-H\n").append(owner).append('\n').append('<').append(sender).append(">\n");
        sb.append(time).append(" 0\n");
        flags.forEach(f -> sb.append(f).append('\n'));
        if (tree.isEmpty()) {
            sb.append("XX\n");
        } else {
            tree.forEach(t -> sb.append(t).append('\n'));
        }
        sb.append(recipients.size()).append('\n');
        recipients.forEach(r -> sb.append(r).append('\n'));
        sb.append('\n');
        headers.forEach(sb::append);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}

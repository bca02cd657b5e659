package dev.qctl.mta.postfix;

import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;
import dev.qctl.model.MessageDetails;
import dev.qctl.model.OptionalFields;
import dev.qctl.mta.CommandFailures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional fields of a batch of messages from one {@code postcat -e -h -q ID ID ...}. postcat
 * stops at the first ID that is no longer in the queue ({@code fatal: open queue file ID: No such
 * file or directory}): the IDs after it are asked again in another postcat, and the gone one simply
 * has no details (it left the queue since postqueue listed it).
 */
final class PostfixDetails {
    private static final Pattern GONE = Pattern.compile("open queue file (\\S+): No such file or directory");

    private final Transport transport;
    private final PostfixTools tools;
    private final OptionalFields wanted;

    PostfixDetails(Transport transport, PostfixTools tools, OptionalFields wanted) {
        this.transport = transport;
        this.tools = tools;
        this.wanted = wanted;
    }

    /** Details per ID for those still in the queue. */
    Map<String, MessageDetails> read(List<String> ids) {
        Map<String, MessageDetails> found = new HashMap<>(ids.size() * 2);
        List<String> left = ids;
        while (!left.isEmpty()) {
            String gone = readOnce(left, found);
            if (gone == null) {
                break;
            }
            int at = left.indexOf(gone);
            left = left.subList(at + 1, left.size());
        }
        return found;
    }

    /** One postcat over these IDs; returns the ID it stopped at because it is gone, or null when done. */
    private String readOnce(List<String> ids, Map<String, MessageDetails> into) {
        List<String> args = new ArrayList<>(ids.size() + 3);
        args.add("-e");
        args.add("-h");
        args.add("-q");
        args.addAll(ids);
        Command command = tools.postcat(args.toArray(String[]::new));
        PostcatDetailsParser parser = new PostcatDetailsParser(wanted, new LinkedHashSet<>(ids));
        try (RunningCommand running = transport.start(command)) {
            running.stdin().close();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(running.stdout(), StandardCharsets.UTF_8), 64 * 1024)) {
                parser.parse(reader, into);
            }
            int exit = running.waitFor();
            if (exit == 0) {
                return null;
            }
            String stderr = running.stderr();
            Matcher m = GONE.matcher(stderr);
            if (m.find() && ids.contains(m.group(1))) {
                return m.group(1);
            }
            throw CommandFailures.explain("Postfix", command, exit, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.queue.HostResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reports that are one document rather than a stream of records (summary, diagnose): printing it as
 * JSON, NDJSON or YAML, and the shape several hosts give, as data and as text.
 */
final class Documents {
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    private Documents() {
    }

    static ObjectNode object() {
        return COMPACT.createObjectNode();
    }

    /** JSON indented, NDJSON on one line, YAML without the document marker. */
    static void print(PrintStream out, OutputFormat format, ObjectNode data) {
        ObjectMapper mapper = switch (format) {
            case JSON -> PrettyJson.mapper();
            case YAML -> YAML;
            default -> COMPACT;
        };
        try {
            out.print(mapper.writeValueAsString(data).stripTrailing());
            out.print('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"hosts": [{"host": H, KEY: {...}} or {"host": H, "error": E}], "total": {...}}}, hosts in order. */
    static <T> ObjectNode perHost(List<HostResult<T>> hosts, String key, Function<T, ObjectNode> toData, ObjectNode total) {
        ObjectNode root = object();
        ArrayNode list = root.putArray("hosts");
        for (HostResult<T> h : hosts) {
            ObjectNode entry = list.addObject();
            entry.put("host", h.host());
            if (h.ok()) {
                entry.set(key, toData.apply(h.value()));
            } else {
                entry.put("error", h.error());
            }
        }
        root.set("total", total);
        return root;
    }

    /**
     * Each host that answered under {@code == HOST ==}, then the total under {@code == all hosts (N of
     * M answered) ==} (the hosts that failed were named on stderr as they failed).
     */
    static <T> void perHostText(PrintStream out, List<HostResult<T>> hosts, Consumer<T> writeOne, Runnable writeTotal) {
        for (HostResult<T> h : hosts) {
            if (h.ok()) {
                out.print(Sanitizer.inline("== " + h.host() + " ==") + "\n");
                writeOne.accept(h.value());
                out.print('\n');
            }
        }
        long answered = hosts.stream().filter(HostResult::ok).count();
        out.print("== all hosts (" + answered + " of " + hosts.size() + " answered) ==\n");
        writeTotal.run();
    }
}

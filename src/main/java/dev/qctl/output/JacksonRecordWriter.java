package dev.qctl.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.model.OptionalField;
import dev.qctl.model.QueuedMessage;
import java.util.Set;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * JSON (one pretty array), NDJSON (one compact object per line, flushed as it streams, within
 * {@link LineFlusher#INTERVAL_MS}) and YAML (one sequence): all written record by record, never
 * holding the listing.
 */
final class JacksonRecordWriter implements RecordWriter {
    private final JsonGenerator generator;
    private final OutputStream out;
    private final Clock clock;
    private final boolean lines;
    private final LineFlusher flusher;
    private Set<OptionalField> shown = Set.of();

    private JacksonRecordWriter(JsonGenerator generator, OutputStream out, Clock clock, boolean lines) {
        this.generator = generator;
        this.out = out;
        this.clock = clock;
        this.lines = lines;
        this.flusher = lines && out instanceof java.io.PrintStream p ? new LineFlusher(p) : null;
    }

    static JacksonRecordWriter json(OutputStream out, Clock clock) {
        JsonGenerator g = create(() -> new JsonFactory().createGenerator(out));
        g.setPrettyPrinter(PrettyJson.printer());
        return start(new JacksonRecordWriter(g, out, clock, false));
    }

    static JacksonRecordWriter ndjson(OutputStream out, Clock clock) {
        JsonGenerator g = create(() -> new JsonFactory().createGenerator(out));
        // Nothing between root values (each line ends below): compact output without a pretty
        // printer, whose per-token calls cost a fifth of the writing.
        g.setRootValueSeparator(null);
        // The generator's flush only hands its bytes on: the line is flushed whole, below.
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        return new JacksonRecordWriter(g, out, clock, true);
    }

    static JacksonRecordWriter yaml(OutputStream out, Clock clock) {
        JsonGenerator g = create(() -> YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build().createGenerator(out));
        return start(new JacksonRecordWriter(g, out, clock, false));
    }

    private interface GeneratorSupplier {
        JsonGenerator get() throws IOException;
    }

    private static JsonGenerator create(GeneratorSupplier supplier) {
        try {
            JsonGenerator g = supplier.get();
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JacksonRecordWriter start(JacksonRecordWriter writer) {
        try {
            writer.generator.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer;
    }

    /** Also writes these optional fields (--with). */
    JacksonRecordWriter showing(Set<OptionalField> fields) {
        this.shown = Set.copyOf(fields);
        return this;
    }

    @Override
    public void write(QueuedMessage message) {
        try {
            RecordFields.write(generator, message, clock.instant(), shown);
            if (lines) {
                endLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeError(String host, String error) {
        try {
            generator.writeStartObject();
            generator.writeStringField("host", host);
            generator.writeStringField("error", error);
            generator.writeEndObject();
            if (lines) {
                endLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line goes to the stream whole; it is flushed now or, on a PrintStream, by the flusher soon. */
    private void endLine() throws IOException {
        synchronized (out) {
            generator.flush();
            out.write('\n');
            if (flusher == null) {
                out.flush();
            }
        }
        if (flusher != null) {
            flusher.written();
        }
    }

    @Override
    public void finish() {
        try {
            if (!lines) {
                generator.writeEndArray();
                generator.flush();
                out.write('\n');
            }
            synchronized (out) {
                generator.flush();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

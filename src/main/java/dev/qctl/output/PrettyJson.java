package dev.qctl.output;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Indented JSON as people write it: {@code "key": value}, arrays one element per line. */
public final class PrettyJson {
    private PrettyJson() {
    }

    static DefaultPrettyPrinter printer() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return printer;
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper().setDefaultPrettyPrinter(printer())
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    }
}

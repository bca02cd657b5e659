package dev.qctl.cli;

import dev.qctl.model.QueueName;
import dev.qctl.output.OutputFormat;
import dev.qctl.model.Durations;
import dev.qctl.model.Sizes;
import dev.qctl.queue.TextPattern;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters: a bad value becomes a one-line usage error (exit 2). */
final class Converters {
    private Converters() {
    }

    private static <T> T convert(java.util.function.Function<String, T> parse, String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class Format implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return Converters.convert(OutputFormat::parse, value);
        }
    }

    static final class Queue implements ITypeConverter<QueueName> {
        @Override
        public QueueName convert(String value) {
            return Converters.convert(QueueName::parse, value);
        }
    }

    static final class Address implements ITypeConverter<TextPattern> {
        @Override
        public TextPattern convert(String value) {
            return Converters.convert(TextPattern::wholeMatch, value);
        }
    }

    static final class Reason implements ITypeConverter<TextPattern> {
        @Override
        public TextPattern convert(String value) {
            return Converters.convert(TextPattern::anywhere, value);
        }
    }

    static final class Client implements ITypeConverter<dev.qctl.queue.ClientMatch> {
        @Override
        public dev.qctl.queue.ClientMatch convert(String value) {
            return Converters.convert(dev.qctl.queue.ClientMatch::parse, value);
        }
    }

    static final class Header implements ITypeConverter<dev.qctl.queue.HeaderMatch> {
        @Override
        public dev.qctl.queue.HeaderMatch convert(String value) {
            return Converters.convert(dev.qctl.queue.HeaderMatch::parse, value);
        }
    }

    static final class Field implements ITypeConverter<dev.qctl.model.OptionalField> {
        @Override
        public dev.qctl.model.OptionalField convert(String value) {
            return Converters.convert(dev.qctl.model.OptionalField::parse, value);
        }
    }

    static final class FieldNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("origin", "subject", "message-id").iterator();
        }
    }

    static final class Age implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Converters.convert(Durations::parse, value);
        }
    }

    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Converters.convert(Sizes::parse, value);
        }
    }

    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "wide", "json", "ndjson", "yaml", "csv", "ids").iterator();
        }
    }

    static final class QueueNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("active", "deferred", "hold", "incoming", "maildrop").iterator();
        }
    }

    /** The built-in causes of qctl diagnose (a config may add its own). */
    static final class CauseNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return dev.qctl.diagnose.Cause.BUILT_IN.stream().map(dev.qctl.diagnose.Cause::name).iterator();
        }
    }

    static final class ColorChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("auto", "always", "never").iterator();
        }
    }

    static final class Ssh implements ITypeConverter<dev.qctl.config.SshClient> {
        @Override
        public dev.qctl.config.SshClient convert(String value) {
            return Converters.convert(dev.qctl.config.SshClient::parse, value);
        }
    }

    static final class SshChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Arrays.stream(dev.qctl.config.SshClient.values()).map(dev.qctl.config.SshClient::label).iterator();
        }
    }
}

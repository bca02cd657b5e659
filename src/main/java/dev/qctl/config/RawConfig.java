package dev.qctl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.qctl.exec.container.ContainerRef;
import dev.qctl.model.Mta;
import dev.qctl.model.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * The config file's shape for Jackson (keys in snake_case). Values that need checking beyond their
 * type (durations, mta, group members) get small deserializers, so an error carries the line and
 * column of the offending value.
 */
record RawConfig(RawDefaults defaults, LinkedHashMap<String, RawHost> hosts, LinkedHashMap<String, RawGroup> groups,
                 LinkedHashMap<String, RawHost> groupSettings, RawDiagnose diagnose, RawActions actions) {

    record RawActions(Boolean quarantine, String quarantineDir,
                      @JsonDeserialize(using = DurationValue.class) Duration quarantineRetention,
                      @JsonDeserialize(using = SizeValue.class) Long quarantineMaxSize,
                      @JsonDeserialize(using = SizeValue.class) Long quarantineMinFree) {
    }

    /** A size such as 512M or 2G (or a number of bytes), checked here so a typo is reported with its line. */
    static final class SizeValue extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null || !p.currentToken().isScalarValue()) {
                throw JsonMappingException.from(p, "expected a size such as 512M or 2G");
            }
            try {
                return dev.qctl.model.Sizes.parse(text.strip());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    record RawDiagnose(List<RawRule> rules) {
    }

    /** One diagnose rule, with where it was written (for error messages and to name it in output). */
    @JsonDeserialize(using = RuleValue.class)
    record RawRule(String match, String code, String cause, String advice, int line, int column) {
    }

    record RawDefaults(@JsonDeserialize(using = OutputValue.class) String output, Integer parallel,
                       @JsonDeserialize(using = DurationValue.class) Duration connectTimeout,
                       @JsonDeserialize(using = DurationValue.class) Duration commandTimeout,
                       String target, @JsonDeserialize(using = SshValue.class) SshClient ssh, String sshConfig,
                       String inventory) {
    }

    record RawHost(String address, Integer port, String user, String identityFile,
                   @JsonDeserialize(using = MtaValue.class) MtaChoice mta,
                   Boolean sudo, String postfixConfig, String eximBin, String eximConfig,
                   @JsonDeserialize(using = PathList.class) List<String> knownHosts,
                   @JsonDeserialize(using = ContainerValue.class) ContainerRef container,
                   @JsonDeserialize(using = SshValue.class) SshClient ssh, String sshConfig, String eximSpoolReader,
                   String quarantineScript) {
    }

    /** {@code docker:NAME}, {@code podman:NAME} or {@code kubectl:[NAMESPACE/]POD[:CONTAINER]}, checked here. */
    static final class ContainerValue extends JsonDeserializer<ContainerRef> {
        @Override
        public ContainerRef deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw JsonMappingException.from(p, "expected docker:NAME, podman:NAME or kubectl:[NAMESPACE/]POD[:CONTAINER]");
            }
            try {
                return ContainerRef.parse(p.getText().strip());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /** {@code mta: auto} is kept apart from "not set" only to be explicit; both mean detect. */
    record MtaChoice(Mta mta) {
    }

    /** A name in a group, with where it was written. */
    record Ref(String name, int line, int column) {
    }

    @JsonDeserialize(using = GroupValue.class)
    record RawGroup(List<Ref> members, int line, int column) {
    }

    static final class DurationValue extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null || !p.currentToken().isScalarValue()) {
                throw JsonMappingException.from(p, "expected a duration such as 10s, 5m or 1h");
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /** One of the -o formats, checked here so a typo is reported with its line, not at the next -o. */
    static final class OutputValue extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : "";
            try {
                return dev.qctl.output.OutputFormat.parse(text).label();
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    static final class SshValue extends JsonDeserializer<SshClient> {
        @Override
        public SshClient deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return SshClient.parse(p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : "");
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    static final class MtaValue extends JsonDeserializer<MtaChoice> {
        @Override
        public MtaChoice deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText().toLowerCase(Locale.ROOT) : "";
            switch (text) {
                case "auto": return new MtaChoice(null);
                case "postfix": return new MtaChoice(Mta.POSTFIX);
                case "exim": return new MtaChoice(Mta.EXIM);
                default: throw JsonMappingException.from(p, "mta must be auto, postfix or exim, not '"
                        + p.getText() + "'");
            }
        }
    }

    /** One path or a list of paths. */
    static final class PathList extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            List<String> paths = new ArrayList<>();
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                paths.add(p.getText());
                return paths;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw JsonMappingException.from(p, "expected a file name or a list of file names");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw JsonMappingException.from(p, "expected a file name");
                }
                paths.add(p.getText());
            }
            return paths;
        }
    }

    static final class GroupValue extends JsonDeserializer<RawGroup> {
        @Override
        public RawGroup deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw JsonMappingException.from(p, "a group is a list of host names and @groups");
            }
            List<Ref> members = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonLocation at = p.currentTokenLocation();
                if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                    throw JsonMappingException.from(p, "a group member must be a host name or @group");
                }
                members.add(new Ref(p.getText().strip(), at.getLineNr(), at.getColumnNr()));
            }
            return new RawGroup(members, start.getLineNr(), start.getColumnNr());
        }
    }

    static final class RuleValue extends JsonDeserializer<RawRule> {
        private static final List<String> KEYS = List.of("match", "code", "cause", "advice");

        @Override
        public RawRule deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw JsonMappingException.from(p, "a rule is a mapping with match and/or code, and cause");
            }
            java.util.Map<String, String> values = new java.util.HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (!KEYS.contains(key)) {
                    throw JsonMappingException.from(p, "unknown key '" + key + "' in a diagnose rule (known keys: "
                            + String.join(", ", KEYS) + ")");
                }
                JsonToken value = p.nextToken();
                if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                    throw JsonMappingException.from(p, key + " must be a single value (text)");
                }
                values.put(key, p.getText());
            }
            return new RawRule(values.get("match"), values.get("code"), values.get("cause"), values.get("advice"),
                    start.getLineNr(), start.getColumnNr());
        }
    }
}

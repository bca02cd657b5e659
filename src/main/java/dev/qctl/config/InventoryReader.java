package dev.qctl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an Ansible inventory file in whichever of its static formats it is: YAML ({@code .yml},
 * {@code .yaml}), the JSON of {@code ansible-inventory --list} ({@code .json}, or text starting with
 * '{'), else INI. Inventory scripts and plugins are not run: save their output with
 * {@code ansible-inventory -i SOURCE --list > inventory.json} and read that.
 */
public final class InventoryReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A first line such as {@code all:}: a YAML mapping key, which no INI line looks like. */
    private static final Pattern YAML_KEY = Pattern.compile("[A-Za-z0-9_.-]+:\\s*(#.*)?");

    private InventoryReader() {
    }

    public static Inventory read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException("inventory " + file + " is a directory: name one inventory file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read inventory " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    static Inventory parse(String text, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String start = text.stripLeading();
        if (name.endsWith(".json") || start.startsWith("{")) {
            return TreeInventory.parse(tree(JSON, text, file), file);
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml") || start.startsWith("---") || YAML_KEY.matcher(firstLine(text)).matches()) {
            return TreeInventory.parse(tree(YAML, text, file), file);
        }
        return IniInventory.parse(text, file);
    }

    /** The first line that is not blank or a comment. */
    private static String firstLine(String text) {
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith(";")) {
                return l;
            }
        }
        return "";
    }

    private static JsonNode tree(ObjectMapper mapper, String text, Path file) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            String message = e.getOriginalMessage();
            int nl = message.indexOf('\n');
            throw new ConfigException(file + where + ": " + (nl > 0 ? message.substring(0, nl) : message).strip(), e);
        }
    }
}

package dev.qctl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds where a key (given as Jackson's path to it) is written, by walking the YAML tokens again. */
final class KeyLocator {
    private KeyLocator() {
    }

    static JsonLocation locate(ObjectMapper mapper, String text, List<Reference> path, JsonLocation fallback) {
        List<String> wanted = new ArrayList<>();
        for (Reference ref : path) {
            if (ref.getFieldName() == null) {
                return fallback; // list indexes are not tracked; the fallback is close enough there
            }
            wanted.add(ref.getFieldName());
        }
        try (JsonParser p = mapper.createParser(text)) {
            List<String> at = new ArrayList<>();
            String pending = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> {
                        pending = p.currentName();
                        List<String> candidate = new ArrayList<>(at);
                        candidate.add(pending);
                        if (candidate.equals(wanted)) {
                            return p.currentTokenLocation();
                        }
                    }
                    case START_OBJECT -> {
                        if (pending != null) { // null only for the root: lists are skipped whole
                            at.add(pending);
                        }
                        pending = null;
                    }
                    case END_OBJECT -> {
                        if (!at.isEmpty()) { // empty only when the root closes
                            at.remove(at.size() - 1);
                        }
                    }
                    case START_ARRAY -> p.skipChildren();
                    default -> pending = null;
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }
}

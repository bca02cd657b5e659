package dev.qctl.mta.postfix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded Postfix output under src/test/resources/postfix/ (see the README there). */
final class Recordings {
    static final String JSON_37 = "postqueue-j-3.7.jsonl";
    static final String TEXT_37 = "postqueue-p-3.7.txt";
    static final String TEXT_37_LONG_LAYOUT = "postqueue-p-3.7-long-layout.txt";
    static final String PRODUCTION_SAMPLE = "postqueue-p-production-sample.txt";

    private Recordings() {
    }

    static BufferedReader open(String name) {
        InputStream in = Recordings.class.getResourceAsStream("/postfix/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource /postfix/" + name);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    static String text(String name) {
        try (BufferedReader reader = open(name)) {
            StringBuilder sb = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                sb.append(buffer, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream stream(String name) {
        InputStream in = Recordings.class.getResourceAsStream("/postfix/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource /postfix/" + name);
        }
        return in;
    }

    static InputStream bytes(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}

package dev.qctl.mta;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded-words in an unstructured header (Subject): {@code =?charset?B?...?=} and
 * {@code =?charset?Q?...?=}, with the RFC's rule that white space between two encoded-words is
 * dropped. A word that cannot be decoded (unknown charset, bad base64) stays as written, so nothing
 * is lost. Written here rather than taken from jakarta.mail: this is the one MIME function qctl
 * needs, and the library (with its activation dependency) would be most of the jar's growth.
 */
public final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    public static String decode(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = WORD.matcher(text);
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = text.substring(last, m.start());
            String decoded = decodeWord(m.group(1), m.group(2), m.group(3));
            if (!(previousWasWord && between.isBlank() && decoded != null)) {
                out.append(between);
            }
            out.append(decoded != null ? decoded : m.group());
            previousWasWord = decoded != null;
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static String decodeWord(String charsetName, String encoding, String body) {
        Charset charset;
        try {
            int star = charsetName.indexOf('*'); // RFC 2231 language suffix: =?utf-8*en?Q?...?=
            charset = Charset.forName(star < 0 ? charsetName : charsetName.substring(0, star));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        try {
            byte[] bytes = encoding.equalsIgnoreCase("B") ? Base64.getDecoder().decode(body) : quoted(body);
            return bytes == null ? null : new String(bytes, charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The "Q" encoding: quoted-printable with '_' for a space. */
    private static byte[] quoted(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < body.length()) {
                int hi = Character.digit(body.charAt(i + 1), 16);
                int lo = Character.digit(body.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '=') {
                return null;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }
}

package dev.qctl.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.fuzz.Mutations;
import dev.qctl.mta.SkipLeadingNewline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message text as {@code show} passes it to a terminal (postcat's or exim -Mvb/-Mvh output through
 * {@link SkipLeadingNewline} and {@link SanitizingOutputStream}), fuzzed on mutations of recorded
 * message files written in chunks of any size: no control character, C1 control or bidi override
 * comes out raw, and memory stays bounded.
 */
class MessageTextFuzzTest {
    Mutations.Cases messages() throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        for (String file : List.of("/exim/sandbox-4.96/Mvb-sample3.txt", "/exim/sandbox-4.96/Mvh-sample3.txt",
                "/postfix/postqueue-p-3.7.txt")) {
            try (InputStream in = MessageTextFuzzTest.class.getResourceAsStream(file)) {
                corpus.add(in.readAllBytes());
            }
        }
        return Mutations.of(corpus);
    }

    @Test
    void nothingReachesTheTerminalRaw() throws Exception {
        messages().forEach(200, (text, random) -> {
            int chunk = 1 + random.nextInt(70000);
            Mutations.bounded(() -> {
                ByteArrayOutputStream screen = new ByteArrayOutputStream();
                try (SkipLeadingNewline out = new SkipLeadingNewline(new SanitizingOutputStream(screen))) {
                    for (int i = 0; i < text.length; i += chunk) {
                        out.write(text, i, Math.min(chunk, text.length - i));
                    }
                }
                String shown = screen.toString(StandardCharsets.UTF_8);
                assertThat(shown.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
                        || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)))
                        .isEmpty();
                return null;
            });
        });
    }
}

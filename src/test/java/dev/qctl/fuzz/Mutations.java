package dev.qctl.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Mutations of recorded real MTA output for the property-based fuzz tests: bytes flipped, inserted,
 * deleted, duplicated, lines cut, and numbers replaced by the values that overflow parsers
 * ({@code 9223372036854775779}, {@code 3000000000}, {@code -1}, 40 digits). Each parse must end
 * within {@link #BOUND} with a record or a warning.
 */
public final class Mutations {
    /** Far above any real parse of these inputs (milliseconds); a hang or a quadratic blow-up fails. */
    public static final Duration BOUND = Duration.ofSeconds(5);
    private static final List<String> NUMBERS = List.of("9223372036854775779", "9223372036854775808", "3000000000",
            "2147483648", "-1", "0", "4294967296", "1".repeat(40), "99999999999999999999");
    private static final List<String> SNIPPETS = List.of("\n", "\r\n", "\u0000", " ", "#", ",", "-", "<>", "\"", "{", "}",
            "[", "]", ":", "@", "*", "!", "\\", "\u001b[31m", "\u202e", "\u00e9", "\uFFFD");

    private Mutations() {
    }

    private record Op(int kind, double at, int length, int value, int choice) {
    }

    /**
     * The inputs to mutate. {@link Cases#forEach} hands a check that many mutated inputs, each one
     * of the inputs with 1 to 6 mutations, drawn from a fixed seed per case (a failure names the
     * seed, so it can be replayed: {@code -Dqctl.fuzz.seed=SEED}).
     */
    public static Cases of(List<byte[]> corpus) {
        return new Cases(List.copyOf(corpus));
    }

    /** A check of one mutated input; {@code random} is the case's own, for any further choice. */
    @FunctionalInterface
    public interface Check {
        void accept(byte[] input, Random random) throws Exception;
    }

    public record Cases(List<byte[]> corpus) {
        public void forEach(int tries, Check check) throws Exception {
            String replay = System.getProperty("qctl.fuzz.seed");
            long base = replay != null ? Long.parseLong(replay) : 0x51C7L;
            for (int i = 0; i < (replay != null ? 1 : tries); i++) {
                long seed = base + i;
                Random random = new Random(seed);
                byte[] data = corpus.get(random.nextInt(corpus.size()));
                int ops = 1 + random.nextInt(6);
                for (int k = 0; k < ops; k++) {
                    data = apply(data, new Op(random.nextInt(8), random.nextDouble(), 1 + random.nextInt(64),
                            random.nextInt(256), random.nextInt(1001)));
                }
                try {
                    check.accept(data, random);
                } catch (Exception | AssertionError e) {
                    throw new AssertionError("fuzz case " + i + " (replay with -Dqctl.fuzz.seed=" + seed + "): " + e, e);
                }
            }
        }
    }

    private static byte[] apply(byte[] data, Op o) {
        int n = data.length;
        int at = (int) Math.min(n, Math.floor(o.at() * (n + 1)));
        int end = Math.min(n, at + o.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
        switch (o.kind()) {
            case 0 -> { // flip one byte
                out.write(data, 0, n);
                byte[] b = out.toByteArray();
                if (at < n) {
                    b[at] = (byte) o.value();
                }
                return b;
            }
            case 1 -> { // delete a range
                out.write(data, 0, at);
                out.write(data, end, n - end);
            }
            case 2 -> { // duplicate a range
                out.write(data, 0, end);
                out.write(data, at, end - at);
                out.write(data, end, n - end);
            }
            case 3 -> { // truncate
                out.write(data, 0, at);
            }
            case 4 -> { // replace the digit run at or after the position by an overflowing number
                int d = at;
                while (d < n && !isDigit(data[d])) {
                    d++;
                }
                int e = d;
                while (e < n && isDigit(data[e])) {
                    e++;
                }
                out.write(data, 0, d);
                out.writeBytes(NUMBERS.get(o.choice() % NUMBERS.size()).getBytes(StandardCharsets.US_ASCII));
                out.write(data, e, n - e);
            }
            case 5 -> { // insert a snippet (newlines, separators, controls, bidi)
                out.write(data, 0, at);
                out.writeBytes(SNIPPETS.get(o.choice() % SNIPPETS.size()).getBytes(StandardCharsets.UTF_8));
                out.write(data, at, n - at);
            }
            case 6 -> { // insert random bytes
                out.write(data, 0, at);
                for (int i = 0; i < o.length(); i++) {
                    out.write((o.value() * 31 + i * 17) & 0xff);
                }
                out.write(data, at, n - at);
            }
            default -> { // swap a line with the next one
                int lineEnd = indexOf(data, at, (byte) '\n');
                int nextEnd = lineEnd < 0 ? -1 : indexOf(data, lineEnd + 1, (byte) '\n');
                if (nextEnd < 0) {
                    return data;
                }
                int start = at;
                while (start > 0 && data[start - 1] != '\n') {
                    start--;
                }
                out.write(data, 0, start);
                out.write(data, lineEnd + 1, nextEnd - lineEnd);
                out.write(data, start, lineEnd + 1 - start);
                out.write(data, nextEnd + 1, n - nextEnd - 1);
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, int from, byte b) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Runs one parse within {@link #BOUND}: a hang fails the property instead of hanging the build. */
    public static <T> T bounded(ThrowingSupplier<T> parse) {
        return assertTimeoutPreemptively(BOUND, parse);
    }
}

package dev.qctl.bench;

import dev.qctl.diagnose.RuleTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the diagnose rule table takes per distinct reason: the corpus's real reasons, each made
 * unique with a counter (as addresses and transaction IDs make them in a real queue), so its cache
 * never helps. Not a test: run by scripts/bench/classify-bench.
 */
public final class ClassifyBench {
    private ClassifyBench() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        List<String> reasons = corpus();
        RuleTable table = RuleTable.builtIn();
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            long seen = 0;
            for (int i = 0; i < n; i++) {
                // made unique as it is read (a concatenation: well under a microsecond)
                seen += table.classify(reasons.get(i % reasons.size()) + " [" + round + "." + i + "]").cause().name().length();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %d distinct reasons in %.2f s, %.1f us each (%d)%n", round, n, seconds,
                    seconds * 1e6 / n, seen);
        }
    }

    private static List<String> corpus() throws IOException {
        List<String> reasons = new ArrayList<>();
        for (String file : List.of("reasons.tsv", "provider-replies.tsv")) {
            try (InputStream in = ClassifyBench.class.getResourceAsStream("/dev/qctl/diagnose/" + file)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        reasons.add(line.split("\t", 3)[2]);
                    }
                }
            }
        }
        return reasons;
    }
}

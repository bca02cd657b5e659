package dev.qctl.monitor;

/** One {@code -w} or {@code -c} option: {@code [METRIC=]RANGE}, the metric being total by default. */
public record Threshold(CheckMetric metric, NagiosRange range) {
    public static Threshold parse(String text) {
        int eq = text.indexOf('=');
        CheckMetric metric = eq < 0 ? CheckMetric.TOTAL : CheckMetric.parse(text.substring(0, eq));
        String range = eq < 0 ? text : text.substring(eq + 1);
        return new Threshold(metric, NagiosRange.parse(range, metric::parseBound));
    }
}

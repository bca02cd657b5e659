package dev.qctl.config;

import java.time.Duration;

/**
 * The config file's defaults; null where it sets none (the CLI then uses its own).
 *
 * @param target          the -H value used when none is given (e.g. {@code @prod}); null means local
 */
public record Defaults(String output, Integer parallel, Duration connectTimeout, Duration commandTimeout,
                       String target) {
    public static final Defaults NONE = new Defaults(null, null, null, null, null);
}

package dev.qctl.cli;

import dev.qctl.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.IVersionProvider;

/** {@code qctl --version}: qctl's version, the Java runtime it runs on and the config file in use. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = QctlCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "qctl " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            "Config: " + config()
        };
    }

    private static String config() {
        try {
            return ConfigLoader.forThisUser().locate(null).map(Path::toString).orElse("(none)");
        } catch (RuntimeException e) {
            return "(" + e.getMessage() + ")"; // e.g. $QCTL_CONFIG names a missing file: say so, still print the version
        }
    }
}

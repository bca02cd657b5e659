package dev.qctl.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code qctl --version}: qctl's version and the Java runtime it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = QctlCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "qctl " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}

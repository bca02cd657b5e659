package dev.qctl.config;

import java.nio.file.Path;
import java.util.List;

/** What ~/.ssh/config says about one host; null where it says nothing. */
public record SshHostSettings(String hostName, String user, Integer port, List<Path> identityFiles,
                              boolean identitiesOnly) {
    public SshHostSettings {
        identityFiles = List.copyOf(identityFiles);
    }
}

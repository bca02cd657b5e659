package dev.qctl.cli;

import dev.qctl.config.ResolvedTarget;
import dev.qctl.exec.ssh.Fingerprints;
import dev.qctl.exec.ssh.HostKeyTrust;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.exec.ssh.SshSettings;
import dev.qctl.model.Sanitizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qctl hosts trust HOST}: shows the host key the server offers with its SHA256 fingerprint
 * (as ssh-keygen -l prints it) and, once confirmed, appends it to known_hosts.
 */
@Command(name = "trust", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Fetch HOST's SSH host key, show its SHA256 fingerprint, and record it in known_hosts after "
                + "confirmation (the host's known_hosts file from the config, else ~/.ssh/known_hosts).")
final class HostsTrustCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "HOST", description = "An alias, user@host, host:port or ssh://user@host:port.")
    String host;

    @Option(names = {"-y", "--yes"}, description = "Record the key without asking (only after checking the fingerprint!).")
    boolean yes;

    @Mixin
    TargetOptions target;

    HostsTrustCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        target.hosts = List.of(host);
        FleetFactory factory = new FleetFactory(context, target);
        List<ResolvedTarget> resolved = factory.resolve(factory.config());
        if (resolved.size() != 1 || resolved.get(0).isLocal()) {
            throw new IllegalArgumentException("qctl hosts trust takes one SSH host, not '" + host + "'");
        }
        SshEndpoint endpoint = resolved.get(0).ssh();
        SshSettings settings = factory.settings(factory.config().defaults());
        PublicKey key = HostKeyTrust.fetch(endpoint, settings.connectTimeout());
        Path file = endpoint.knownHosts().size() > 2 ? endpoint.knownHosts().get(2) : endpoint.knownHosts().get(0);
        String text = Sanitizer.inline(endpoint.name()) + " (" + endpoint.knownHostsName() + ") offers this host key:\n  "
                + Fingerprints.type(key) + " " + Fingerprints.sha256(key) + "\n";
        if (!yes) {
            if (!Prompter.available()) {
                throw new IllegalArgumentException(text.replace("\n", " ").strip()
                        + "; no terminal to confirm on: check the fingerprint and run again with --yes");
            }
            if (!Prompter.confirm(text, "Record it in " + file + "?")) {
                context.err().println("qctl: nothing was recorded");
                return 1;
            }
        } else {
            context.err().print("qctl: " + text);
        }
        try {
            HostKeyTrust.record(file, endpoint.knownHostsName(), key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        context.err().println("qctl: recorded " + Fingerprints.sha256(key) + " for " + endpoint.knownHostsName() + " in " + file);
        return 0;
    }
}

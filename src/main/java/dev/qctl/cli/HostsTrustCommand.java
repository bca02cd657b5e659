package dev.qctl.cli;

import dev.qctl.config.ResolvedTarget;
import dev.qctl.exec.ssh.Fingerprints;
import dev.qctl.exec.ssh.HostKeyProblem;
import dev.qctl.exec.ssh.HostKeyTrust;
import dev.qctl.exec.ssh.KnownHostsVerifier;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.exec.ssh.SshSettings;
import dev.qctl.model.Sanitizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

    @Option(names = "--replace", description = "The host key changed: show the old and the new fingerprint, remove the "
            + "old entry and record the new key (a revoked key is never recorded).")
    boolean replace;

    @Mixin
    TargetOptions target;

    HostsTrustCommand(CliContext context) {
        this.context = context;
    }

    private static KnownHostsVerifier known(SshEndpoint endpoint) {
        try {
            return new KnownHostsVerifier(endpoint.name(), endpoint.knownHosts());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known_hosts: " + e.getMessage(), e);
        }
    }

    private static List<KnownHostsVerifier.Recorded> recorded(SshEndpoint endpoint, String name, String type) {
        try {
            return KnownHostsVerifier.recorded(endpoint.knownHosts(), name, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known_hosts: " + e.getMessage(), e);
        }
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
        KnownHostsVerifier known = known(endpoint);
        List<String> recordedTypes = known.findExistingAlgorithms(endpoint.host(), endpoint.port()).stream()
                .filter(a -> !a.contains("-cert-")).toList();
        PublicKey key = HostKeyTrust.fetch(endpoint, settings.connectTimeout(), recordedTypes);
        Path file = endpoint.knownHosts().size() > 2 ? endpoint.knownHosts().get(2) : endpoint.knownHosts().get(0);
        String name = endpoint.knownHostsName();
        String who = Sanitizer.inline(endpoint.name()) + " (" + name + ")";
        String offered = Fingerprints.type(key) + " " + Fingerprints.sha256(key);
        HostKeyProblem.Kind state = known.check(endpoint.host(), endpoint.port(), key).orElse(null);
        if (state == null) {
            context.err().println("qctl: " + who + " is already trusted with " + offered + "; nothing to do");
            return 0;
        }
        if (state == HostKeyProblem.Kind.REVOKED) {
            throw new SshConnectionException(SshConnectionException.Reason.HOST_KEY_REVOKED, who + " offers " + offered
                    + ", which known_hosts marks @revoked: a revoked key is never recorded");
        }
        List<KnownHostsVerifier.Recorded> old = recorded(endpoint, name, Fingerprints.type(key));
        String text;
        if (state == HostKeyProblem.Kind.CHANGED) {
            String oldList = old.stream().map(r -> "  old: " + r.keyType() + " " + r.fingerprint() + " (" + r.file()
                    + " line " + r.line() + ")\n").collect(Collectors.joining());
            if (!replace) {
                throw new IllegalArgumentException("HOST KEY CHANGED for " + who + ": known_hosts has "
                        + oldList.strip().replace("\n", ", ").replace("  ", " ") + ", the server offers " + offered
                        + "; check the new key with the host's administrator and run again with --replace");
            }
            text = who + " offers a NEW host key (a reinstalled server, or an attack):\n" + oldList + "  new: " + offered
                    + "\n";
        } else {
            text = who + " offers this host key:\n  " + offered + "\n";
        }
        String question = state == HostKeyProblem.Kind.CHANGED ? "Remove the old entry and record the new key in " + file + "?"
                : "Record it in " + file + "?";
        if (!yes) {
            if (!Prompter.available()) {
                throw new IllegalArgumentException(text.replace("\n", " ").replaceAll(" +", " ").strip()
                        + "; no terminal to confirm on: check the fingerprint and run again with --yes");
            }
            if (!Prompter.confirm(text, question)) {
                context.err().println("qctl: nothing was recorded");
                return 1;
            }
        } else {
            context.err().print("qctl: " + text);
        }
        try {
            for (Path f : old.stream().map(KnownHostsVerifier.Recorded::file).distinct().toList()) {
                int removed = HostKeyTrust.remove(f, name, Fingerprints.type(key));
                context.err().println("qctl: removed " + removed + " old " + Fingerprints.type(key) + " entr"
                        + (removed == 1 ? "y" : "ies") + " for " + name + " from " + f);
            }
            HostKeyTrust.record(file, name, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update known_hosts (" + e.getMessage() + "): nothing trusted; "
                    + "remove the old entry by hand (ssh-keygen -R '" + name + "')", e);
        }
        context.err().println("qctl: recorded " + Fingerprints.sha256(key) + " for " + endpoint.knownHostsName() + " in " + file);
        return 0;
    }
}

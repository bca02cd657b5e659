package dev.qctl.exec.container;

import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the running containers on a machine that hold an MTA, for {@code qctl hosts check}: each
 * container's processes first ({@code docker top}: Postfix's master, an exim daemon), else its image
 * or name as the common stacks call them (mailcow's {@code postfix-mailcow}, docker-mailserver's
 * {@code mailserver}, Mailu's {@code postfix}, anything with postfix or exim in it). Docker and Podman;
 * a runtime that is missing or refuses us is skipped. Kubernetes pods are not scanned.
 */
public final class ContainerScan {
    /** One container with an MTA, and how it was recognised ("process" or "image"). */
    public record Found(ContainerRef container, String image, Mta mta, String foundBy) {
    }

    private static final List<ContainerRuntime> SCANNED = List.of(ContainerRuntime.DOCKER, ContainerRuntime.PODMAN);

    private ContainerScan() {
    }

    public static List<Found> scan(Transport machine) {
        List<Found> found = new ArrayList<>();
        for (ContainerRuntime runtime : SCANNED) {
            CommandResult ps = quietly(machine, Command.of(runtime.program(), "ps", "--format", "{{.Names}}\t{{.Image}}"));
            if (ps == null || !ps.ok()) {
                continue;
            }
            for (String line : ps.stdout().split("\n")) {
                String[] fields = line.strip().split("\t");
                if (fields.length < 2 || !ContainerRuntime.CONTAINER_NAME.matcher(fields[0]).matches()) {
                    continue;
                }
                ContainerRef ref = new ContainerRef(runtime, null, fields[0], null);
                Found f = recognise(ref, fields[1], quietly(machine, Command.of(runtime.program(), "top", fields[0])));
                if (f != null) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    static Found recognise(ContainerRef ref, String image, CommandResult top) {
        if (top != null && top.ok()) {
            Mta byProcess = byProcess(top.stdout());
            if (byProcess != null) {
                return new Found(ref, image, byProcess, "process");
            }
        }
        Mta byName = byName(image + " " + ref.name());
        return byName == null ? null : new Found(ref, image, byName, "image");
    }

    /** From the CMD column of {@code docker top}: Postfix's master daemon, or an exim/exim4 process. */
    static Mta byProcess(String top) {
        for (String line : top.split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.contains("/postfix/sbin/master") || l.contains("/libexec/postfix/master") || l.matches(".*\\bmaster -[wi].*")) {
                return Mta.POSTFIX;
            }
            if (l.matches(".*(^|[\\s/])exim4?( |$).*")) {
                return Mta.EXIM;
            }
        }
        return null;
    }

    static Mta byName(String words) {
        String w = words.toLowerCase(Locale.ROOT);
        if (w.contains("exim")) {
            return Mta.EXIM;
        }
        if (w.contains("postfix") || w.contains("mailserver")) {
            return Mta.POSTFIX; // mailcow's postfix-mailcow, Mailu's postfix, docker-mailserver
        }
        return null;
    }

    private static CommandResult quietly(Transport machine, Command command) {
        try {
            return machine.run(command);
        } catch (ExecException e) {
            return null; // the runtime is not there
        }
    }
}

package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The file handling of a setup step on a host, all as plain argv (cat, tee, cp, mkdir, chmod):
 * read a file, write one from stdin, back one up beside itself and put the backup back.
 */
public final class SetupFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Transport transport;
    private final Clock clock;

    public SetupFiles(Transport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /** The file's text, or null when it does not exist (or cannot be read). */
    public String read(String path) {
        CommandResult r = transport.run(Command.of("cat", "--", path));
        return r.ok() ? r.stdout() : null;
    }

    /** Writes the file (creating its directory); an existing file keeps its owner and mode. */
    public void write(String path, String text, String mode) {
        String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        run(Command.of("mkdir", "-p", "--", dir), null);
        run(Command.of("tee", "--", path), text.getBytes(StandardCharsets.UTF_8));
        if (mode != null) {
            run(Command.of("chmod", mode, "--", path), null);
        }
    }

    /** Copies the file to {@code PATH.qctl-backup-STAMP} (mode, owner and times kept) and returns that name. */
    public String backup(String path) {
        String copy = path + ".qctl-backup-" + STAMP.format(clock.instant());
        run(Command.of("cp", "-p", "--", path, copy), null);
        return copy;
    }

    /** Removes a file this setup created, when its rollback undoes it. */
    public void remove(String path) {
        run(Command.of("rm", "-f", "--", path), null);
    }

    public void restore(String backup, String path) {
        run(Command.of("cp", "-p", "--", backup, path), null);
    }

    public CommandResult run(Command command, byte[] stdin) {
        CommandResult r = transport.run(command, stdin);
        if (!r.ok()) {
            throw new QctlException(r.stderr().toLowerCase(java.util.Locale.ROOT).contains("permission denied")
                    ? ExitCode.PERMISSION : ExitCode.ERROR, command.program() + " failed on " + transport.target()
                    + ": " + CommandFailures.lastMeaningfulLine(r.stderr()) + " (" + command.display() + ")");
        }
        return r;
    }

    /** Installs the suspend helper and the cron job that runs its expiry, unless they are there as they should be. */
    public void installHelper(SuspendHelper helper, java.util.function.Consumer<String> log) {
        if (!SuspendHelper.script().equals(read(SuspendHelper.PATH))) {
            write(SuspendHelper.PATH, SuspendHelper.script(), "755");
            log.accept("installed " + SuspendHelper.PATH);
        }
    }

    public void installCron(SuspendHelper helper, java.util.function.Consumer<String> log) {
        if (!helper.cronContent().equals(read(helper.cronFile()))) {
            write(helper.cronFile(), helper.cronContent(), "644");
            log.accept("wrote " + helper.cronFile());
        }
    }

    /** Creates the empty map through the helper (which also builds it for Postfix). */
    public void createMap(SuspendHelper helper, dev.qctl.model.Mta mta, java.util.function.Consumer<String> log) {
        if (!helper.write("-", SuspensionMap.render(mta, java.util.List.of()))) {
            return; // there is one already
        }
        log.accept("created " + helper.map());
    }

    /** The setup lines every MTA shares: the helper, the map, the cron job. */
    public java.util.List<String> commonChanges(SuspendHelper helper, boolean mapExists) {
        java.util.List<String> changes = new java.util.ArrayList<>();
        if (!SuspendHelper.script().equals(read(SuspendHelper.PATH))) {
            changes.add("install " + SuspendHelper.PATH + " (qctl's fixed sh script that alone writes the map; "
                    + "print it with: qctl setup suspend --print-helper)");
        }
        if (!mapExists) {
            changes.add("create " + helper.map() + " (empty: no domain suspended)");
        }
        if (!helper.cronContent().equals(read(helper.cronFile()))) {
            changes.add("write " + helper.cronFile() + ": " + helper.cronContent().lines().skip(1).findFirst().orElse(""));
        }
        return changes;
    }


    /**
     * The steps every MTA's setup takes, in order: the helper, the map if it is new, the MTA's own
     * configuration change (null: none needed), the cron entry. When the configuration change fails,
     * a map made by this run is removed again ({@code mapFiles}), so suspend keeps saying the host is
     * not set up.
     */
    public void install(SuspendHelper helper, dev.qctl.model.Mta mta, boolean mapExists, List<String> mapFiles,
                        SuspendSetup.Change configuration, java.util.function.Consumer<String> log) {
        installHelper(helper, log);
        if (!mapExists) {
            createMap(helper, mta, log);
        }
        if (configuration != null) {
            try {
                configuration.make(log);
            } catch (RuntimeException e) {
                if (!mapExists) {
                    mapFiles.forEach(this::remove);
                }
                throw e;
            }
        }
        installCron(helper, log);
    }
}

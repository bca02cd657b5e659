package dev.qctl.mta.postfix;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.mta.CommandFailures;
import dev.qctl.mta.SetupFiles;
import dev.qctl.mta.SuspendHelper;
import dev.qctl.mta.SuspendSetup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Postfix's part of {@code qctl setup suspend}: qctl's map first in {@code transport_maps} (so its
 * {@code retry:} entries win over every other route), the {@code retry} service in master.cf (Debian
 * has it; a minimal master.cf may not), then {@code postfix check}, main.cf and master.cf put back
 * from their backups when it fails, and {@code postfix reload}.
 */
final class PostfixSuspendSetup implements SuspendSetup {
    static final String MAP_NAME = "qctl-suspend";
    static final String RETRY_SERVICE = "retry unix - - n - - error";

    private final Transport transport;
    private final PostfixTools tools;
    private final SetupFiles files;

    PostfixSuspendSetup(Transport transport, PostfixTools tools, Clock clock) {
        this.transport = transport;
        this.tools = tools;
        this.files = new SetupFiles(transport, clock);
    }

    /** The configuration directory, the map's path and the current transport_maps, from postconf. */
    record Where(String configDirectory, String map, String databaseType, String transportMaps) {
        String entry() {
            return databaseType + ":" + map;
        }
    }

    Where where() {
        Command command = tools.postconf("-h", "config_directory", "default_database_type", "transport_maps");
        CommandResult r = PostfixAdapter.require(transport.run(command), command);
        String[] lines = r.stdout().split("\n", -1);
        if (lines.length < 3) {
            throw new QctlException(ExitCode.ERROR, "unexpected answer from postconf: " + r.stdout().strip());
        }
        String dir = lines[0].strip();
        return new Where(dir, dir + "/" + MAP_NAME, lines[1].strip(), lines[2].strip());
    }

    SuspendHelper helper(Where where) {
        return new SuspendHelper(transport, Mta.POSTFIX, where.map(), tools.configDir());
    }

    /** transport_maps with qctl's map first (and nowhere else). */
    static String newTransportMaps(String current, String entry) {
        List<String> maps = new ArrayList<>();
        maps.add(entry);
        for (String m : current.strip().split("[\\s,]+")) {
            if (!m.isEmpty() && !m.equals(entry)) {
                maps.add(m);
            }
        }
        return String.join(", ", maps);
    }

    static boolean firstIs(String current, String entry) {
        String[] maps = current.strip().split("[\\s,]+");
        return maps.length > 0 && maps[0].equals(entry);
    }

    @Override
    public Plan plan() {
        Where where = where();
        SuspendHelper helper = helper(where);
        boolean mapExists = files.read(where.map()) != null;
        List<String> changes = new ArrayList<>(files.commonChanges(helper, mapExists));
        String wanted = newTransportMaps(where.transportMaps(), where.entry());
        boolean mainCf = !firstIs(where.transportMaps(), where.entry());
        if (mainCf) {
            changes.add(where.configDirectory() + "/main.cf: transport_maps = " + wanted
                    + " (was: " + (where.transportMaps().isEmpty() ? "empty" : where.transportMaps()) + ")");
        }
        boolean masterCf = !hasRetryService();
        if (masterCf) {
            changes.add(where.configDirectory() + "/master.cf: add the service '" + RETRY_SERVICE + "'");
        }
        if (mainCf || masterCf) {
            changes.add("then postfix check (main.cf and master.cf restored from their backups if it fails) and postfix reload");
        }
        return new Plan(changes, null, log -> files.install(helper, Mta.POSTFIX, mapExists,
                List.of(where.map(), where.map() + ".db"),
                mainCf || masterCf ? l -> editConfig(where, wanted, mainCf, masterCf, l) : null, log));
    }

    private boolean hasRetryService() {
        CommandResult r = transport.run(tools.postconf("-M", "retry/unix"));
        return r.ok() && !r.stdout().isBlank();
    }

    private void editConfig(Where where, String wanted, boolean mainCf, boolean masterCf, Consumer<String> log) {
        String main = where.configDirectory() + "/main.cf";
        String master = where.configDirectory() + "/master.cf";
        String mainBackup = files.backup(main);
        String masterBackup = masterCf ? files.backup(master) : null;
        log.accept("backed up " + main + " as " + mainBackup + (masterBackup == null ? "" : ", " + master + " as " + masterBackup));
        try {
            if (mainCf) {
                files.run(tools.postconf("-e", "transport_maps = " + wanted), null);
            }
            if (masterCf) {
                files.run(tools.postconf("-M", "retry/unix=" + RETRY_SERVICE), null);
            }
            Command check = tools.postfix("check");
            CommandResult checked = transport.run(check);
            if (!checked.ok()) {
                throw new QctlException(ExitCode.ERROR, "postfix check failed after the change: "
                        + CommandFailures.explain("Postfix", check, checked.exitCode(), checked.stderr()).getMessage());
            }
        } catch (RuntimeException e) {
            files.restore(mainBackup, main);
            if (masterBackup != null) {
                files.restore(masterBackup, master);
            }
            throw new QctlException(ExitCode.of(e), ExitCode.messageOf(e) + "; rolled back: " + main
                    + (masterBackup == null ? "" : " and " + master) + " restored from the backup", e);
        }
        log.accept("main.cf: transport_maps = " + wanted + (masterCf ? "; master.cf: " + RETRY_SERVICE : ""));
        if (transport.run(tools.postfix("status")).ok()) {
            files.run(tools.postfix("reload"), null);
            log.accept("postfix reload");
        }
    }
}

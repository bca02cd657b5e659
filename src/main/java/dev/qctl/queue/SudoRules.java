package dev.qctl.queue;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.model.Mta;
import dev.qctl.mta.MtaSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The sudoers rule qctl needs on a host, named in the error when sudo wants a password and by
 * {@code qctl hosts check}. Every command is pinned to the arguments qctl passes, with sudo's
 * regular-expression arguments ({@code ^...$}, sudo 1.9.10 and later): a bare {@code postconf}
 * ({@code -e} edits main.cf), a bare {@code exim4} ({@code -be '${run...}'}, {@code -C}) or
 * {@code /bin/sh} would each hand out root. IDs match the MTAs' ID alphabets, addresses and sites
 * may not start with '-', so no option can be smuggled in.
 *
 * <p>Exim's listing is one shell script. Passed inline ({@code sh -c SCRIPT}, the default) it can
 * only be allowed by allowing {@code /bin/sh} with any arguments: {@link Mode#SHELL}, root for the
 * sudo user. Installed on the host ({@code qctl hosts spool-reader > FILE}, {@code exim_spool_reader:
 * FILE} in the config) it runs as {@code sh FILE SPOOL [ID]}, which sudoers pins: {@link Mode#PINNED}.
 *
 * <p>The quarantine ({@code delete --quarantine}, {@code restore}, {@code quarantine list|purge}) is
 * the same: its script inline needs {@code /bin/sh} ({@link #quarantineMode}: SHELL, and the rule
 * does not add it for Postfix: only who wants the quarantine through sudo should give that away);
 * installed ({@code qctl hosts quarantine-script > FILE}, {@code quarantine_script: FILE}) each verb
 * is pinned to {@code sh FILE VERB DIR …} with the host's quarantine, queue and command directories
 * fixed, run IDs, message counts and sizes by their grammar.
 */
public final class SudoRules {
    /** How much the rule for this host gives away. */
    public enum Mode {
        /** Every command pinned to qctl's arguments. */
        PINNED("pinned"),
        /** Exim's listing as {@code sh -c SCRIPT}: the rule allows any shell command (root-equivalent). */
        SHELL("shell (root-equivalent)");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final String POSTFIX_ID = "[0-9A-Za-z]+";
    static final String EXIM_ID = "[0-9A-Za-z]+-[0-9A-Za-z]+-[0-9A-Za-z]+";
    /** An address, domain or site: one word that is not an option. */
    static final String WORD = "[^ -][^ ]*";
    static final String DEFAULT_SPOOL = "/var/spool/exim4";
    static final String DEFAULT_POSTFIX_QUEUE = "/var/spool/postfix";
    /** A run ID of the audit log ({@code AuditLog.newRunId}): base-36 seconds, six hex digits. */
    static final String RUN_ID = "[0-9a-z]+-[0-9a-f]{6}";
    static final String NUMBER = "[0-9]+";

    /**
     * The directories the rule pins, each null where not known (the defaults are assumed then).
     *
     * @param queue      the MTA's queue directory (Exim's spool, Postfix's queue_directory); with the
     *                   MTA not known, taken as Exim's
     * @param quarantine the quarantine directory of {@code delete --quarantine} (the MTA's name is added)
     */
    public record Directories(String queue, String quarantine) {
        public static final Directories DEFAULTS = new Directories(null, null);

        String eximSpool() {
            return queue == null ? DEFAULT_SPOOL : queue;
        }

        /** Postfix's queue directory: the one known if the MTA is Postfix, else the default. */
        String postfixQueue(Mta mta) {
            return queue == null || mta != Mta.POSTFIX ? DEFAULT_POSTFIX_QUEUE : queue;
        }

        /** Where the script keeps this MTA's runs, as {@code ShellQuarantine.directory()} names it. */
        String quarantine(Mta mta) {
            String base = quarantine == null ? dev.qctl.mta.QuarantineSettings.DEFAULT_DIRECTORY : quarantine;
            return base.replaceAll("/+$", "") + "/" + mta.label();
        }
    }

    private SudoRules() {
    }

    public static Mode mode(Mta mta, MtaSettings settings) {
        return mta != Mta.POSTFIX && settings.eximSpoolReader() == null ? Mode.SHELL : Mode.PINNED;
    }

    /**
     * The quarantine's mode: pinned with an installed quarantine script, and for Exim the spool reader
     * too (a run is listed by it); else it needs {@code /bin/sh}.
     */
    public static Mode quarantineMode(Mta mta, MtaSettings settings) {
        return settings.quarantineScript() != null && mode(mta, settings) == Mode.PINNED ? Mode.PINNED : Mode.SHELL;
    }

    /**
     * @param mta         the host's MTA, or null when not known yet (both are named then)
     * @param directories the directories pinned, where known ({@link Directories#DEFAULTS}: Debian's)
     */
    public static String rule(String user, Mta mta, MtaSettings settings, Directories directories) {
        List<String> commands = new ArrayList<>();
        if (mta != Mta.EXIM) {
            commands.addAll(postfix(settings.postfixConfig()));
            commands.addAll(postfixQuarantine(settings, directories.postfixQueue(mta), directories));
        }
        if (mta != Mta.POSTFIX) {
            commands.addAll(exim(settings, directories.eximSpool(), directories.quarantine(Mta.EXIM)));
            commands.addAll(eximQuarantine(settings, directories));
        }
        return user + " ALL=(root) NOPASSWD: " + String.join(", ", commands);
    }

    /** The verbs that do not depend on the MTA: check and purge before keeping, list the runs, purge. */
    private static String quarantineCommon(String script, String dir) {
        return "/bin/sh " + regex(literal(script) + " (prepare " + dir + " " + NUMBER + " " + NUMBER + " " + NUMBER + " " + NUMBER
                + "|runs " + dir + "|purge " + dir + " " + NUMBER + " " + NUMBER + ")");
    }

    private static List<String> postfixQuarantine(MtaSettings settings, String queue, Directories directories) {
        if (settings.quarantineScript() == null) {
            return List.of(); // sh -c SCRIPT: /bin/sh, not given away by default (see quarantineMode)
        }
        String script = literal(settings.quarantineScript());
        String dir = literal(directories.quarantine(Mta.POSTFIX));
        String configDir = settings.postfixConfig();
        String c = configDir == null ? "" : "-c " + configDir + " ";
        String config = configDir == null ? "" : " " + literal(configDir);
        String bin = "/usr/sbin/";
        String run = dir + " " + RUN_ID;
        return List.of(
                bin + "postconf " + c + "-h queue_directory",
                quarantineCommon(settings.quarantineScript(), dir),
                "/bin/sh " + regex(script + " store-postfix " + run + " " + NUMBER + " "
                        + literal(queue)),
                "/bin/sh " + regex(script + " envelopes " + run + " " + literal(bin + "postcat") + config),
                "/bin/sh " + regex(script + " restore-postfix " + run + " " + literal(bin + "postcat") + " "
                        + literal(bin + "sendmail") + config));
    }

    private static List<String> eximQuarantine(MtaSettings settings, Directories directories) {
        if (settings.quarantineScript() == null) {
            return List.of(); // inline: covered by /bin/sh when the spool reader is inline, else not given
        }
        String script = literal(settings.quarantineScript());
        String dir = literal(directories.quarantine(Mta.EXIM));
        return List.of(
                quarantineCommon(settings.quarantineScript(), dir),
                "/bin/sh " + regex(script + " (store-exim " + dir + " " + RUN_ID + " " + NUMBER + "|restore-exim " + dir + " "
                        + RUN_ID + ") " + literal(directories.eximSpool())));
    }

    private static List<String> postfix(String configDir) {
        String c = configDir == null ? "" : "-c " + configDir + " ";
        String bin = "/usr/sbin/";
        return List.of(
                bin + "postconf " + c + "-h mail_version command_directory maximal_queue_lifetime bounce_queue_lifetime",
                bin + "postqueue " + regex(c + "-[jpf]"),
                bin + "postqueue " + regex(c + "(-i " + POSTFIX_ID + "|-s " + WORD + ")"),
                bin + "postsuper " + regex(c + "-[hHrd] -"),
                bin + "postcat " + regex(c + "(-[bhe]+ )?-q " + POSTFIX_ID),
                bin + "postconf " + c + "-h config_directory default_database_type transport_maps",
                suspendHelper("postfix", (configDir == null ? "/etc/postfix" : configDir) + "/qctl-suspend",
                        configDir == null ? "-" : configDir));
    }

    private static List<String> exim(MtaSettings settings, String spool, String quarantine) {
        String bin = settings.eximBinary() == null ? "/usr/sbin/exim4" : settings.eximBinary();
        String c = settings.eximConfig() == null ? "" : "-C " + settings.eximConfig() + " ";
        List<String> rules = new ArrayList<>(List.of(
                bin + " " + c + "-bP spool_directory",
                bin + " " + c + "-bV",
                bin + " " + c + "-bP configure_file",
                suspendHelper("exim", eximMap(settings.eximConfig()), "-"),
                bin + " " + regex(c + "-Mv[hbl] " + EXIM_ID),
                bin + " " + regex(c + "-(Mf|Mt|M|Mg|Mrm)( " + EXIM_ID + ")+"),
                bin + " " + regex(c + "(-Mes " + EXIM_ID + " " + WORD + "|-M(ar|md) " + EXIM_ID + "( " + WORD + ")+|-Mmad "
                        + EXIM_ID + ")"),
                bin + " " + regex(c + "(-qff|-Rff " + WORD + "|-brt " + WORD + ")")));
        if (settings.eximSpoolReader() == null) {
            rules.add("/bin/sh"); // sh -c SCRIPT: cannot be pinned (see Mode.SHELL)
        } else {
            String reader = settings.eximSpoolReader();
            rules.add("/bin/sh " + reader + " " + spool);
            rules.add("/bin/sh " + regex(reader + " " + spool + " [0-9A-Za-z-]+"));
            if (settings.quarantineScript() != null) {
                rules.add("/bin/sh " + regex(literal(reader) + " " + literal(quarantine) + "/" + RUN_ID)); // a run's own spool
            }
        }
        return rules;
    }

    /**
     * qctl's suspend helper ({@code qctl setup suspend}) for the one map of this MTA: it checks every
     * line it writes, so the rule gives away no more than suspending and resuming destinations.
     */
    private static String suspendHelper(String mta, String map, String configDir) {
        return dev.qctl.mta.SuspendHelper.PATH + " " + regex("(show " + mta + " " + map + "|put " + mta + " " + map + " " + configDir
                + " [0-9-]+|expire " + mta + " " + map + " " + configDir + ")");
    }

    private static String eximMap(String config) {
        int slash = config == null ? -1 : config.lastIndexOf('/');
        return (slash <= 0 ? "/etc/exim4" : config.substring(0, slash)) + "/qctl-suspend";
    }

    /**
     * A path as a regular expression that matches only itself: each character that means something
     * to a regular expression in brackets ({@code [.]}), as sudoers' own escapes are not needed there.
     */
    static String literal(String path) {
        StringBuilder sb = new StringBuilder();
        for (char ch : path.toCharArray()) {
            if (".+*?()|{}$".indexOf(ch) >= 0) {
                sb.append('[').append(ch).append(']');
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A sudoers regular-expression argument list: the whole argument string must match. */
    private static String regex(String arguments) {
        return "^" + arguments + "$";
    }

    /**
     * For an MTA in a container: the runtime's exec into that one container, nothing else of the
     * runtime (the docker group would give root on the whole machine). sudo finds the runtime on its
     * secure_path; the rule must name that path ({@code sudo -n -l} shows it).
     */
    public static String containerRule(String user, ContainerRef container) {
        String exec = String.join(" ", container.exec(List.of("*")));
        return user + " ALL=(root) NOPASSWD: /usr/bin/" + exec;
    }
}

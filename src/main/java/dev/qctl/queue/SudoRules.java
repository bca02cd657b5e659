package dev.qctl.queue;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.model.Mta;
import java.util.List;

/**
 * The sudoers rule qctl needs on a host, named in the error when sudo wants a password. Exim needs
 * {@code /bin/sh} too: its spool is listed by one fixed {@code sh -c} script (no per-message exim).
 */
public final class SudoRules {
    static final String POSTFIX = "/usr/sbin/postqueue, /usr/sbin/postsuper, /usr/sbin/postcat, /usr/sbin/postconf";

    private SudoRules() {
    }

    /** @param mta the host's MTA, or null when not known yet (both are named then) */
    public static String rule(String user, Mta mta, String eximBinary) {
        String exim = (eximBinary == null ? "/usr/sbin/exim4" : eximBinary) + ", /bin/sh";
        String commands = mta == Mta.POSTFIX ? POSTFIX : mta == Mta.EXIM ? exim : POSTFIX + ", " + exim;
        return user + " ALL=(root) NOPASSWD: " + commands;
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

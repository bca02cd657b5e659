package dev.qctl.queue;

import dev.qctl.model.Mta;

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
}

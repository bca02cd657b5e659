package dev.qctl.mta;

import dev.qctl.model.Mta;

/**
 * How to reach the MTA on one target.
 *
 * @param mta             which MTA, or null to detect it
 * @param postfixConfig   Postfix configuration directory for a second instance ({@code -c DIR}), or null
 * @param eximBinary      path of the exim binary, or null to look in the usual places
 * @param eximConfig      alternate Exim configuration file ({@code -C FILE}), or null
 * @param eximSpoolReader path of the installed spool reader script, run as {@code sh PATH SPOOL [ID]} so
 *                        that sudoers can pin it; null: the script is passed inline ({@code sh -c SCRIPT})
 * @param quarantineScript path of the installed quarantine script, run as {@code sh PATH VERB ARGS…} for the
 *                        same reason; null: inline
 */
public record MtaSettings(Mta mta, String postfixConfig, String eximBinary, String eximConfig, String eximSpoolReader,
                          String quarantineScript) {
    public MtaSettings(Mta mta, String postfixConfig, String eximBinary, String eximConfig) {
        this(mta, postfixConfig, eximBinary, eximConfig, null, null);
    }

    public MtaSettings(Mta mta, String postfixConfig, String eximBinary, String eximConfig, String eximSpoolReader) {
        this(mta, postfixConfig, eximBinary, eximConfig, eximSpoolReader, null);
    }

    public static MtaSettings detect() {
        return new MtaSettings(null, null, null, null, null, null);
    }
}

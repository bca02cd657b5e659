package dev.qctl.mta;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Transport;
import dev.qctl.model.Mta;
import dev.qctl.mta.exim.EximAdapter;
import dev.qctl.mta.postfix.PostfixAdapter;
import java.time.Clock;
import java.util.List;

/** Picks the adapter for a target: the MTA the settings name, or the one found there. */
public final class MtaAdapters {
    static final List<String> POSTFIX_MARKERS = List.of("/usr/sbin/postconf", "/usr/local/sbin/postconf");
    static final List<String> EXIM_MARKERS = List.of(
            "/usr/sbin/exim4", "/usr/sbin/exim", "/usr/local/sbin/exim", "/usr/exim/bin/exim");

    private MtaAdapters() {
    }

    public static MtaAdapter open(Transport transport, MtaSettings settings, Clock clock) {
        Mta mta = settings.mta() != null ? settings.mta() : detect(transport, settings);
        switch (mta) {
            case POSTFIX:
                return new PostfixAdapter(transport, settings.postfixConfig(), settings.quarantineScript(), clock);
            case EXIM:
                return new EximAdapter(transport, settings.eximBinary(), settings.eximConfig(), settings.eximSpoolReader(),
                        settings.quarantineScript(), clock);
            default:
                throw new IllegalStateException("unknown MTA " + mta);
        }
    }

    /** Postfix when its postconf is there, else Exim when its binary is there; Exim settings win. */
    static Mta detect(Transport transport, MtaSettings settings) {
        if (settings.eximBinary() != null || settings.eximConfig() != null) {
            return Mta.EXIM;
        }
        if (settings.postfixConfig() != null || POSTFIX_MARKERS.stream().anyMatch(transport::isExecutable)) {
            return Mta.POSTFIX;
        }
        if (EXIM_MARKERS.stream().anyMatch(transport::isExecutable)) {
            return Mta.EXIM;
        }
        throw new QctlException(ExitCode.UNAVAILABLE, "no MTA found on " + transport.target()
                + ": neither Postfix (postconf) nor Exim (exim4, exim) is installed; use --mta and --exim-bin if it lives elsewhere");
    }
}

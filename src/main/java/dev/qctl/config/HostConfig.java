package dev.qctl.config;

import dev.qctl.model.Mta;
import java.util.List;

/**
 * One host of the config file, as written (nulls where the file says nothing).
 *
 * @param name          the alias used with -H and shown in records
 * @param address       host name or IP to connect to (default: the name, through ~/.ssh/config)
 * @param mta           the MTA, or null to detect it ({@code mta: auto})
 * @param sudo          run MTA commands through sudo -n; null when not set
 * @param knownHosts    extra known_hosts files for this host
 * @param eximSpoolReader the installed copy of qctl's spool reader ({@code qctl hosts spool-reader}), or null
 */
public record HostConfig(String name, String address, Integer port, String user, String identityFile, Mta mta,
                         Boolean sudo, String postfixConfig, String eximBin, String eximConfig,
                         List<String> knownHosts, String eximSpoolReader) {
    public HostConfig {
        knownHosts = knownHosts == null ? List.of() : List.copyOf(knownHosts);
    }

    public HostConfig(String name, String address, Integer port, String user, String identityFile, Mta mta,
                      Boolean sudo, String postfixConfig, String eximBin, String eximConfig, List<String> knownHosts) {
        this(name, address, port, user, identityFile, mta, sudo, postfixConfig, eximBin, eximConfig, knownHosts, null);
    }
}

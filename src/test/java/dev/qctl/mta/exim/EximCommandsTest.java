package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EximCommandsTest {

    @Test
    void spoolDirectoryInTheFormsEximPrints() {
        // recorded: exim -C /var/lib/qctl-sandbox/exim/exim.conf -bP spool_directory
        assertThat(EximCommands.parseOptionValue("spool_directory", "spool_directory = /var/lib/qctl-sandbox/exim/spool\n"))
                .isEqualTo("/var/lib/qctl-sandbox/exim/spool");
        assertThat(EximCommands.parseOptionValue("spool_directory", "/var/spool/exim4\n")).isEqualTo("/var/spool/exim4");
        assertThat(EximCommands.parseOptionValue("spool_directory", "  spool_directory=/x  \n")).isEqualTo("/x");
        assertThat(EximCommands.parseOptionValue("spool_directory", "spool_directory = \n")).isNull();
        assertThat(EximCommands.parseOptionValue("spool_directory", "exim: unknown option\n")).isNull();
        assertThat(EximCommands.parseOptionValue("spool_directory", "")).isNull();
    }

    @Test
    void argvCarriesTheConfigBeforeTheAction() {
        EximCommands plain = new EximCommands("/usr/sbin/exim4", null);
        assertThat(plain.showDataFile("1xX5eJ-0001hg-2t").argv())
                .isEqualTo(List.of("/usr/sbin/exim4", "-Mvb", "1xX5eJ-0001hg-2t"));
        EximCommands custom = new EximCommands("/opt/exim/usr/sbin/exim4", "/etc/exim-out.conf");
        assertThat(custom.showHeaderFile("1xX5eJ-0001hg-2t").argv())
                .isEqualTo(List.of("/opt/exim/usr/sbin/exim4", "-C", "/etc/exim-out.conf", "-Mvh", "1xX5eJ-0001hg-2t"));
        assertThat(custom.showMessageLog("1xX5eJ-0001hg-2t").argv()).endsWith("-Mvl", "1xX5eJ-0001hg-2t");
        assertThat(custom.printOption("spool_directory").argv()).endsWith("-bP", "spool_directory");
    }

    @Test
    void usualBinariesInTheOrderTheyAreTried() {
        assertThat(EximCommands.USUAL_BINARIES)
                .containsExactly("/usr/sbin/exim4", "/usr/sbin/exim", "/usr/local/sbin/exim", "/usr/exim/bin/exim");
    }
}

package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.model.Mta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    private static final Path HOME = Path.of("/home/ann");
    private static final Path SSH_DIR = HOME.resolve(".ssh");

    private static final QctlConfig CONFIG = ConfigParser.parse("""
            hosts:
              mx1:
                address: 10.0.0.1
                user: admin
                port: 2222
                identity_file: ~/.ssh/qctl
                mta: postfix
                sudo: true
                known_hosts: ~/.ssh/fleet_known_hosts
              mx2:
                mta: exim
                exim_bin: /opt/exim/exim4
              edge: {}
            groups:
              eu: [mx2, edge]
              prod: [mx1, '@eu', mx2]
            """, Path.of("c.yaml"));

    private static final SshConfigFile SSH_CONFIG = SshConfigFile.parse("""
            Host jump
              HostName jump.example.net
              User ops
              Port 2022
              IdentityFile ~/.ssh/jump_key
              IdentitiesOnly yes
            Host mx2
              HostName mx2.example.net
            """, HOME);

    private static TargetResolver resolver(QctlConfig config) {
        return new TargetResolver(config, SSH_CONFIG, HOME, SSH_DIR, "ann");
    }

    private static List<String> names(String option, boolean all) {
        return resolver(CONFIG).resolve(option, all).stream().map(ResolvedTarget::name).toList();
    }

    @Test
    void containerWordsAreContainersOnThisMachine() {
        List<ResolvedTarget> targets = resolver(CONFIG).resolve("docker:postfix-mailcow,kubectl:mail/postfix-0:mta,mx1", false);
        assertThat(targets).extracting(ResolvedTarget::name).containsExactly("docker:postfix-mailcow",
                "kubectl:mail/postfix-0:mta", "mx1");
        assertThat(targets.get(0).isLocal()).isTrue();
        assertThat(targets.get(0).container()).isEqualTo(ContainerRef.parse("docker:postfix-mailcow"));
        assertThat(targets.get(1).container().namespace()).isEqualTo("mail");
        assertThat(targets.get(2).container()).isNull();
        assertThatThrownBy(() -> resolver(CONFIG).resolve("docker:a b", false)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid container target 'docker:a b'");
    }

    @Test
    void configuredContainerIsReachedOverSshOrHere() {
        QctlConfig config = ConfigParser.parse("""
                hosts:
                  mailcow:
                    address: 10.0.0.9
                    user: admin
                    sudo: true
                    container: docker:postfix-mailcow
                  here:
                    address: local
                    container: podman:mailserver
                """, Path.of("c.yaml"));
        ResolvedTarget mailcow = resolver(config).resolve("mailcow", false).get(0);
        assertThat(mailcow.ssh().host()).isEqualTo("10.0.0.9");
        assertThat(mailcow.ssh().user()).isEqualTo("admin");
        assertThat(mailcow.sudo()).isTrue();
        assertThat(mailcow.container().display()).isEqualTo("docker:postfix-mailcow");
        ResolvedTarget here = resolver(config).resolve("here", false).get(0);
        assertThat(here.isLocal()).isTrue();
        assertThat(here.name()).isEqualTo("here");
        assertThat(here.container().display()).isEqualTo("podman:mailserver");
    }

    @Test
    void defaultIsLocalOrTheConfiguredTarget() {
        assertThat(resolver(QctlConfig.empty()).resolve(null, false)).containsExactly(ResolvedTarget.local());
        QctlConfig withDefault = new QctlConfig(null, new Defaults(null, null, null, null, "@eu"), CONFIG.hosts(), CONFIG.groups());
        assertThat(resolver(withDefault).resolve(null, false)).extracting(ResolvedTarget::name).containsExactly("mx2", "edge");
    }

    @Test
    void aliasCarriesItsConfiguredSettings() {
        ResolvedTarget mx1 = resolver(CONFIG).resolve("mx1", false).get(0);
        assertThat(mx1.ssh()).isEqualTo(new SshEndpoint("mx1", "10.0.0.1", 2222, "admin", List.of(SSH_DIR.resolve("qctl")),
                false, List.of(SSH_DIR.resolve("known_hosts"), Path.of("/etc/ssh/ssh_known_hosts"),
                SSH_DIR.resolve("fleet_known_hosts"))));
        assertThat(mx1.mta().mta()).isEqualTo(Mta.POSTFIX);
        assertThat(mx1.sudo()).isTrue();
        ResolvedTarget mx2 = resolver(CONFIG).resolve("mx2", false).get(0);
        assertThat(mx2.ssh().host()).isEqualTo("mx2.example.net"); // address from ~/.ssh/config
        assertThat(mx2.ssh().user()).isEqualTo("ann");
        assertThat(mx2.mta().eximBinary()).isEqualTo("/opt/exim/exim4");
        assertThat(mx2.sudo()).isNull();
    }

    @Test
    void groupsExpandInOrderWithoutDuplicates() {
        assertThat(names("@prod", false)).containsExactly("mx1", "mx2", "edge");
        assertThat(names("edge,@prod,local,mx1", false)).containsExactly("edge", "mx1", "mx2", "local");
        assertThat(names(null, true)).containsExactly("mx1", "mx2", "edge");
        assertThat(names("local", true)).containsExactly("local", "mx1", "mx2", "edge");
    }

    @Test
    void adHocTargetsInEveryForm() {
        assertThat(endpoint("root@db.example.com")).isEqualTo(adHoc("root@db.example.com", "db.example.com", 22, "root"));
        assertThat(endpoint("db.example.com:2200")).isEqualTo(adHoc("db.example.com:2200", "db.example.com", 2200, "ann"));
        assertThat(endpoint("ssh://root@db:2201")).isEqualTo(adHoc("ssh://root@db:2201", "db", 2201, "root"));
        assertThat(endpoint("ssh://db/")).isEqualTo(adHoc("ssh://db/", "db", 22, "ann"));
        assertThat(endpoint("u@[::1]:2222")).isEqualTo(adHoc("u@[::1]:2222", "::1", 2222, "u"));
        assertThat(endpoint("fe80::1")).isEqualTo(adHoc("fe80::1", "fe80::1", 22, "ann"));
    }

    @Test
    void sshConfigMakesSshNamesWork() {
        SshEndpoint jump = endpoint("jump");
        assertThat(jump.host()).isEqualTo("jump.example.net");
        assertThat(jump.user()).isEqualTo("ops");
        assertThat(jump.port()).isEqualTo(2022);
        assertThat(jump.identityFiles()).containsExactly(SSH_DIR.resolve("jump_key"));
        assertThat(jump.identitiesOnly()).isTrue();
        SshEndpoint override = endpoint("root@jump:2");
        assertThat(override.user()).isEqualTo("root");
        assertThat(override.port()).isEqualTo(2);
    }

    @Test
    void userAtAliasKeepsTheAliasSettings() {
        SshEndpoint e = endpoint("root@mx1");
        assertThat(e.host()).isEqualTo("10.0.0.1");
        assertThat(e.port()).isEqualTo(2222);
        assertThat(e.user()).isEqualTo("root");
        assertThat(e.name()).isEqualTo("root@mx1");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> names("@nope", false)).isInstanceOf(ConfigException.class)
                .hasMessage("unknown group '@nope' (configured: eu, prod)");
        assertThatThrownBy(() -> names("mx1,,mx2", false)).hasMessage("empty host name in -H 'mx1,,mx2'");
        assertThatThrownBy(() -> names("db:99999", false))
                .hasMessage("invalid host 'db:99999': port must be a number from 1 to 65535, not '99999'");
        assertThatThrownBy(() -> names("db:ssh", false)).hasMessageContaining("not 'ssh'");
        assertThatThrownBy(() -> names("@x", false)).hasMessageContaining("unknown group");
        assertThatThrownBy(() -> names("ssh://db/path", false)).hasMessage("invalid host 'ssh://db/path': an ssh:// target has no path");
        assertThatThrownBy(() -> resolver(QctlConfig.empty()).resolve(null, true))
                .hasMessage("--all-hosts: no hosts are configured (no config file found)");
    }

    private static SshEndpoint endpoint(String word) {
        return resolver(CONFIG).resolve(word, false).get(0).ssh();
    }

    private static SshEndpoint adHoc(String name, String host, int port, String user) {
        return new SshEndpoint(name, host, port, user, List.of(), false,
                List.of(SSH_DIR.resolve("known_hosts"), Path.of("/etc/ssh/ssh_known_hosts")));
    }
}

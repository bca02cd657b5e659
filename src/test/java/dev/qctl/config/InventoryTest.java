package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ansible inventories in their three static formats, with the shapes Ansible's own documentation uses. */
class InventoryTest {
    private static Inventory parse(String text, String name) {
        return InventoryReader.parse(text, Path.of("/etc/ansible/" + name));
    }

    @Nested
    class Ini {
        private static final String DOCS_EXAMPLE = """
                # The example of Ansible's "How to build your inventory", plus the connection variables.
                mail.example.com

                [webservers]
                foo.example.com
                bar.example.com:5309
                www[01:03].example.com ansible_user=deploy

                [dbservers]
                one.example.com
                db-[a:c].example.com
                jumper ansible_port=5555 ansible_host=192.0.2.50   # an inline comment

                [atlanta]
                host1 http_port=80 maxRequestsPerChild=808
                host2 ansible_host="192.0.2.60" ansible_user='ops user'

                [raleigh]
                host3

                ; a comment in the other style
                [southeast:children]
                atlanta
                raleigh

                [southeast:vars]
                ansible_user=southeast-admin
                halon_system_timeout=30

                [usa:children]
                southeast

                [usa:vars]
                ansible_user=usa-admin
                ansible_port=2200

                [all:vars]
                ansible_user=everyone
                """;

        @Test
        void groupsHostsAndChildGroups() {
            Inventory inv = parse(DOCS_EXAMPLE, "hosts");
            assertThat(inv.groups().get("webservers")).containsExactly("foo.example.com", "bar.example.com",
                    "www01.example.com", "www02.example.com", "www03.example.com");
            assertThat(inv.groups().get("dbservers")).containsExactly("one.example.com", "db-a.example.com",
                    "db-b.example.com", "db-c.example.com", "jumper");
            assertThat(inv.groups().get("southeast")).containsExactly("@atlanta", "@raleigh");
            assertThat(inv.groups().get("usa")).containsExactly("@southeast");
            assertThat(inv.groups().get("ungrouped")).containsExactly("mail.example.com");
            assertThat(inv.groups().get("all")).hasSize(14).startsWith("mail.example.com", "foo.example.com");
        }

        @Test
        void connectionVariablesWithAnsiblesPrecedence() {
            Inventory inv = parse(DOCS_EXAMPLE, "hosts");
            HostConfig jumper = inv.hosts().get("jumper");
            assertThat(jumper.address()).isEqualTo("192.0.2.50");
            assertThat(jumper.port()).isEqualTo(5555);
            assertThat(jumper.user()).isEqualTo("everyone"); // [all:vars]
            assertThat(inv.hosts().get("bar.example.com").port()).isEqualTo(5309); // name:port
            assertThat(inv.hosts().get("www02.example.com").user()).isEqualTo("deploy");
            // host vars > child group (southeast) > parent group (usa) > all
            assertThat(inv.hosts().get("host1").user()).isEqualTo("southeast-admin");
            assertThat(inv.hosts().get("host1").port()).isEqualTo(2200);
            assertThat(inv.hosts().get("host2").address()).isEqualTo("192.0.2.60");
            assertThat(inv.hosts().get("host2").user()).isEqualTo("ops user");
            assertThat(inv.hosts().get("mail.example.com").address()).isNull();
        }

        @Test
        void rangesWithStepsAndLetters() {
            assertThat(HostRanges.expand("web[1:9:4].example.com")).containsExactly("web1.example.com", "web5.example.com",
                    "web9.example.com");
            assertThat(HostRanges.expand("r[a:b]-n[08:10]")).containsExactly("ra-n08", "ra-n09", "ra-n10", "rb-n08",
                    "rb-n09", "rb-n10");
            assertThatThrownBy(() -> HostRanges.expand("x[9:1]")).hasMessageContaining("ends before it starts");
        }

        @Test
        void mistakesNameTheLine() {
            assertThatThrownBy(() -> parse("[web]\nweb1\n[web:hostvars]\n", "hosts"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("/etc/ansible/hosts:3: unknown section [web:hostvars] (known: [group], [group:vars], [group:children])");
            assertThatThrownBy(() -> parse("[web]\nweb1 ansible_port\n", "hosts"))
                    .hasMessage("/etc/ansible/hosts:2: expected key=value after the host name, not 'ansible_port'");
            assertThatThrownBy(() -> parse("[web]\nweb1 ansible_port=ssh\n", "hosts"))
                    .hasMessageContaining("host 'web1': ansible_port must be a number");
            assertThatThrownBy(() -> parse("[a:children]\nb\n[b:children]\na\n", "hosts"))
                    .hasMessageContaining("contains itself");
        }
    }

    @Nested
    class Yaml {
        @Test
        void theDocumentedYamlLayout() {
            Inventory inv = parse("""
                    all:
                      hosts:
                        mail.example.com:
                      vars:
                        ansible_user: everyone
                      children:
                        webservers:
                          hosts:
                            foo.example.com:
                            www[01:02].example.com:
                              ansible_port: 2222
                        dbservers:
                          hosts:
                            one.example.com:
                              ansible_host: 192.0.2.5
                          vars:
                            ansible_user: dba
                        prod:
                          children:
                            webservers:
                            dbservers:
                    """, "inventory.yml");
            assertThat(inv.groups().get("webservers")).containsExactly("foo.example.com", "www01.example.com",
                    "www02.example.com");
            assertThat(inv.groups().get("prod")).containsExactly("@webservers", "@dbservers");
            assertThat(inv.hosts().get("www02.example.com").port()).isEqualTo(2222);
            assertThat(inv.hosts().get("one.example.com").address()).isEqualTo("192.0.2.5");
            assertThat(inv.hosts().get("one.example.com").user()).isEqualTo("dba");
            assertThat(inv.hosts().get("foo.example.com").user()).isEqualTo("everyone");
            assertThat(inv.groups().get("ungrouped")).containsExactly("mail.example.com");
        }

        @Test
        void yamlWithoutAnExtensionIsRecognised() {
            Inventory inv = parse("# fleet\nall:\n  children:\n    mx:\n      hosts:\n        mx1:\n", "hosts");
            assertThat(inv.groups().get("mx")).containsExactly("mx1");
        }

        @Test
        void anUnknownKeyInAGroupIsRefused() {
            assertThatThrownBy(() -> parse("all:\n  host:\n    a:\n", "inventory.yaml"))
                    .hasMessage("/etc/ansible/inventory.yaml: unknown key 'host' in group 'all' (known keys: hosts, children, vars)");
        }
    }

    @Nested
    class AnsibleInventoryList {
        @Test
        void theJsonOfAnsibleInventoryList() {
            Inventory inv = parse("""
                    {
                        "_meta": {
                            "hostvars": {
                                "mx1": {"ansible_host": "192.0.2.1", "ansible_user": "qctl", "ansible_port": 2222},
                                "mx2": {"ansible_host": "192.0.2.2", "ansible_python_interpreter": "/usr/bin/python3"}
                            }
                        },
                        "all": {"children": ["ungrouped", "mail"]},
                        "mail": {"hosts": ["mx1", "mx2"], "children": ["relays"]},
                        "relays": {"hosts": ["relay1"]},
                        "ungrouped": {"hosts": ["lonely"]}
                    }
                    """, "inventory.json");
            assertThat(inv.groups().get("mail")).containsExactly("mx1", "mx2", "@relays");
            assertThat(inv.groups().get("ungrouped")).containsExactly("lonely");
            assertThat(inv.hosts().get("mx1")).extracting(HostConfig::address, HostConfig::port, HostConfig::user)
                    .containsExactly("192.0.2.1", 2222, "qctl");
            assertThat(inv.hosts().get("relay1").address()).isNull();
            assertThat(inv.groups().get("all")).containsExactlyInAnyOrder("mx1", "mx2", "relay1", "lonely");
        }
    }

    @Nested
    class WithTheConfig {
        @Test
        void configHostsAndGroupSettingsAddToTheInventory() throws Exception {
            Path dir = java.nio.file.Files.createTempDirectory("qctl-inv-");
            java.nio.file.Files.writeString(dir.resolve("hosts.ini"), "[mail]\nmx1 ansible_host=192.0.2.1\nmx2\n[relays]\nrelay1\n");
            QctlConfig c = ConfigParser.parse("""
                    defaults:
                      inventory: hosts.ini
                    hosts:
                      mx2:
                        address: mx2.example.net
                        mta: exim
                    group_settings:
                      mail:
                        sudo: true
                        mta: postfix
                        ssh: builtin
                    groups:
                      everything: ["@mail", "@relays", extra]
                      mail: [mx1]
                    """.replace("extra", "mx2"), dir.resolve("config.yaml"), null, dir);
            assertThat(c.inventory()).isEqualTo(dir.resolve("hosts.ini"));
            assertThat(c.hosts().get("mx1")).extracting(HostConfig::address, HostConfig::sudo, HostConfig::mta, HostConfig::ssh)
                    .containsExactly("192.0.2.1", true, dev.qctl.model.Mta.POSTFIX, SshClient.BUILTIN);
            // the config's own groups win over the inventory's of the same name
            assertThat(c.groups().get("mail")).containsExactly("mx1");
            assertThat(c.hosts().get("mx2")).extracting(HostConfig::address, HostConfig::mta, HostConfig::sudo)
                    .containsExactly("mx2.example.net", dev.qctl.model.Mta.EXIM, null);
            assertThat(c.groups().get("everything")).containsExactly("@mail", "@relays", "mx2");
            assertThat(new TargetResolver(c, SshConfigFile.empty(), dir, dir.resolve(".ssh"), "me").resolve("@relays", false))
                    .extracting(ResolvedTarget::name).containsExactly("relay1");
        }

        @Test
        void groupSettingsMustNameAGroup() {
            assertThatThrownBy(() -> ConfigParser.parse("group_settings:\n  nosuch:\n    sudo: true\n", Path.of("c.yaml"),
                    null, Path.of("/")))
                    .isInstanceOf(ConfigException.class).hasMessage("c.yaml: group_settings names 'nosuch', which is not a group");
        }

        @Test
        void theCommandLinesInventoryWinsAndAMissingOneIsOneLine() {
            assertThatThrownBy(() -> ConfigParser.parse("", null, Path.of("/nonexistent/inventory.ini"), Path.of("/")))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("cannot read inventory /nonexistent/inventory.ini");
        }
    }

    @Test
    void openSshTargetsCarryOnlyWhatQctlWasTold() {
        QctlConfig c = ConfigParser.parse("""
                defaults:
                  ssh: openssh
                  ssh_config: ~/qctl/ssh_config
                hosts:
                  mx1:
                    user: qctl
                    known_hosts: ~/.ssh/known_hosts.qctl
                """, null, null, Path.of("/home/ann"));
        ResolvedTarget mx1 = new TargetResolver(c, SshConfigFile.empty(), Path.of("/home/ann"), Path.of("/home/ann/.ssh"), "ann")
                .resolve("mx1,root@mx2:2222", false).get(0);
        assertThat(mx1.client()).isEqualTo(SshClient.OPENSSH);
        assertThat(mx1.openSsh()).isEqualTo(new dev.qctl.exec.openssh.OpenSshTarget("mx1", "mx1", "qctl", null, List.of(),
                List.of(Path.of("/home/ann/.ssh/known_hosts.qctl")), Path.of("/home/ann/qctl/ssh_config")));
        ResolvedTarget mx2 = new TargetResolver(c, SshConfigFile.empty(), Path.of("/home/ann"), Path.of("/home/ann/.ssh"), "ann")
                .resolve("root@mx2:2222", false).get(0);
        assertThat(mx2.openSsh()).extracting(t -> t.destination(), t -> t.user(), t -> t.port()).containsExactly("mx2", "root", 2222);
    }
}

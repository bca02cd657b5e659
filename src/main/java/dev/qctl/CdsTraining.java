package dev.qctl;

import dev.qctl.config.ConfigParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * For the run that writes the launcher's AppCDS archive ({@code -Dqctl.cds.dump=true}): loads every
 * class of qctl's jar and picocli's before the JVM exits and archives what was loaded, so the archive
 * serves every command (summary, diagnose, the actions, completion), not only the one that wrote it.
 * Loading is not initializing: no static code of those classes runs. It also reads a config with
 * every section: the YAML and binding classes a config needs live in Jackson's jars, and a first
 * run without a config would otherwise leave them out, costing every later run with one a few
 * hundred milliseconds of loading them from the jars.
 */
final class CdsTraining {
    static final String PROPERTY = "qctl.cds.dump";

    private CdsTraining() {
    }

    /** A config with every section and kind of value (it is parsed, never used). */
    static final String CONFIG = """
            defaults:
              output: json
              parallel: 4
              connect_timeout: 5s
              command_timeout: 2m
              target: "@all"
              ssh: builtin
            hosts:
              mx1:
                address: 192.0.2.1
                port: 22
                user: admin
                identity_file: ~/.ssh/id
                known_hosts: [~/.ssh/known_hosts]
                mta: postfix
                sudo: true
                postfix_config: /etc/postfix
              mx2:
                address: 192.0.2.2
                mta: exim
                exim_bin: /usr/sbin/exim4
                container: docker:exim
                ssh: openssh
            groups:
              eu: [mx2]
              all: [mx1, "@eu"]
            group_settings:
              eu:
                user: ops
            diagnose:
              rules:
                - match: "blocked"
                  code: "5.7.1"
                  cause: partner-blocklist
                  advice: ask for delisting
            actions:
              quarantine: true
              quarantine_retention: 7d
              quarantine_max_size: 2G
            """;

    static void loadAll() {
        ClassLoader loader = CdsTraining.class.getClassLoader();
        for (Class<?> inJar : new Class<?>[] {CdsTraining.class, picocli.CommandLine.class}) {
            loadJarOf(inJar, loader);
        }
        readConfig();
    }

    static void readConfig() {
        try {
            ConfigParser.parse(CONFIG, Path.of("cds-training.yaml"), null, Path.of("/nonexistent"));
        } catch (RuntimeException e) {
            // a config this build would refuse: the archive only lacks its classes
        }
    }

    private static void loadJarOf(Class<?> type, ClassLoader loader) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            return;
        }
        try (JarFile jar = new JarFile(Path.of(source.getLocation().toURI()).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF/")) {
                    load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader);
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            // not a jar (tests run from classes/): nothing to add
        }
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // a class needing what is not on the class path: it is not used then either
        }
    }
}

package dev.qctl;

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
 * Loading is not initializing: no static code of those classes runs.
 */
final class CdsTraining {
    static final String PROPERTY = "qctl.cds.dump";

    private CdsTraining() {
    }

    static void loadAll() {
        ClassLoader loader = CdsTraining.class.getClassLoader();
        for (Class<?> inJar : new Class<?>[] {CdsTraining.class, picocli.CommandLine.class}) {
            loadJarOf(inJar, loader);
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

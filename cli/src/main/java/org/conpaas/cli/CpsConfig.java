package org.conpaas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code cps login} remembers: the director URL, the user and their tokens, in
 * {@code $HOME/.conpaas/cps.conf} (mode 0600; CPS_CONFIG overrides the path). Never a password.
 */
public final class CpsConfig {

    private final Path file;
    private final Properties values = new Properties();

    private CpsConfig(Path file) {
        this.file = file;
    }

    public static CpsConfig load() {
        return load(defaultFile(System.getenv("CPS_CONFIG"), System.getenv("HOME"), System.getProperty("user.home")));
    }

    /** CPS_CONFIG when set, else .conpaas/cps.conf in $HOME (the JVM's user.home only when HOME is unset). */
    static Path defaultFile(String cpsConfig, String home, String userHome) {
        if (cpsConfig != null && !cpsConfig.isBlank()) {
            return Path.of(cpsConfig);
        }
        return Path.of(home != null && !home.isBlank() ? home : userHome, ".conpaas", "cps.conf");
    }

    public static CpsConfig load(Path file) {
        CpsConfig config = new CpsConfig(file);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                config.values.load(in);
            } catch (IOException e) {
                throw new CliFailure("cannot read " + file + ": " + e.getMessage());
            }
        }
        return config;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).filter(v -> !v.isBlank());
    }

    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    public void clearSession() {
        values.remove("token");
        values.remove("refresh-token");
    }

    public void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "cps: director and session (keep private)");
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    /** The application and service names shell completion offers, kept beside this file. */
    NameCache names() {
        return new NameCache(file.resolveSibling(file.getFileName() + ".names"));
    }
}

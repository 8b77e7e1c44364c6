package org.conpaas.nutshell;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the services' executable jars in a ConPaaS checkout. */
final class Jars {

    private Jars() {
    }

    static Path find(Path repo, String module) throws IOException {
        Path target = repo.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (var files = Files.list(target)) {
                var jar = files.filter(f -> f.getFileName().toString().startsWith(module) && f.toString().endsWith("-exec.jar"))
                        .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new NutshellOptions.UsageException("no built " + module + " in " + repo
                + ": build first (./mvnw -DskipTests package), or run ./conpaas up which does");
    }

    /** The checkout this nutshell jar was built in (it lives in <repo>/nutshell/target). */
    static Path repoOfRunningJar() {
        try {
            Path jar = Path.of(Nutshell.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent() == null ? null : jar.getParent().getParent();
            if (candidate != null && candidate.getParent() != null && Files.isDirectory(candidate.getParent().resolve("gateway"))) {
                return candidate.getParent();
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException ignored) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}

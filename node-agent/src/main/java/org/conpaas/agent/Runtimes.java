package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where this node's Debian packages put the runtimes a php or java node needs: nginx, PHP-FPM,
 * memcached, Tomcat 10 (run with the agent's own Java).
 */
record Runtimes(Optional<Path> nginx, Optional<Path> phpFpm, Optional<Path> memcached, Optional<Path> tomcatHome, Path java) {

    static final Path TOMCAT_HOME = Path.of("/usr/share/tomcat10");

    static Runtimes onThisNode() {
        return new Runtimes(executable(Path.of("/usr/sbin/nginx")), findPhpFpm(), executable(Path.of("/usr/bin/memcached")),
                Files.isRegularFile(TOMCAT_HOME.resolve("bin/bootstrap.jar")) && Files.isRegularFile(TOMCAT_HOME.resolve("lib/catalina.jar"))
                        ? Optional.of(TOMCAT_HOME) : Optional.empty(),
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static Optional<Path> executable(Path path) {
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    /** {@code /usr/sbin/php-fpm8.2} or whichever version is there (the highest). */
    private static Optional<Path> findPhpFpm() {
        try (Stream<Path> files = Files.list(Path.of("/usr/sbin"))) {
            return files.filter(path -> path.getFileName().toString().matches("php-fpm[0-9.]*") && Files.isExecutable(path))
                    .max(Comparator.comparing(path -> path.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What the node lacks for {@code type} in {@code roles}, as a heartbeat detail naming what to install; empty when nothing. */
    Optional<String> missing(ServiceType type, Set<WebRole> roles) {
        List<String> missing = new ArrayList<>();
        nginx.ifPresentOrElse(p -> { }, () -> missing.add("nginx"));
        boolean backend = roles.contains(WebRole.BACKEND);
        if (type == ServiceType.PHP && backend && phpFpm.isEmpty()) {
            missing.add("php-fpm");
        }
        if (roles.contains(WebRole.PROXY) && memcached.isEmpty()) {
            missing.add("memcached");
        }
        if (type == ServiceType.JAVA && backend && tomcatHome.isEmpty()) {
            missing.add("Tomcat 10");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(type == ServiceType.PHP
                ? "php needs nginx, php-fpm and memcached on this node (missing: " + String.join(", ", missing)
                        + "): apt-get install nginx-light php-fpm php-memcached memcached"
                : "java needs nginx, memcached and Tomcat 10 on this node (missing: " + String.join(", ", missing)
                        + "): apt-get install nginx-light memcached tomcat10-common libtomcat10-java");
    }
}

package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the local cloud's nodes can run: they are processes on this machine, so a php service needs
 * nginx, PHP-FPM and memcached here, a java one nginx and Tomcat 10 (Debian's packages). The
 * catalogue offers php and java on the local cloud only when they are installed (the container
 * node image always has them); a mysql one MariaDB, Galera and rsync.
 */
final class HostRuntimes {

    static final String PHP = "conpaas-php";
    static final String JAVA = "conpaas-java";
    static final String MYSQL = "conpaas-mysql";

    private HostRuntimes() {
    }

    /** The "images" the local cloud offers: the runtimes installed on this machine. */
    static List<String> localImages() {
        List<String> images = new ArrayList<>();
        boolean nginx = Files.isExecutable(Path.of("/usr/sbin/nginx"));
        if (nginx && phpFpm() && Files.isExecutable(Path.of("/usr/bin/memcached"))) {
            images.add(PHP);
        }
        if (nginx && Files.isRegularFile(Path.of("/usr/share/tomcat10/bin/bootstrap.jar"))) {
            images.add(JAVA);
        }
        if (Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && Files.isRegularFile(Path.of("/usr/lib/galera/libgalera_smm.so"))
                && Files.isExecutable(Path.of("/usr/bin/rsync"))) {
            images.add(MYSQL);
        }
        return images;
    }

    /** app-service's view of the local cloud (and of the docker cloud, whose node image holds every runtime). */
    static List<String> appSettings(boolean docker) {
        List<String> settings = new ArrayList<>(List.of("--conpaas.services.clouds.local.images=" + String.join(",", localImages())));
        if (docker) {
            settings.add("--conpaas.services.clouds." + DockerNodes.CLOUD + ".images=" + PHP + "," + JAVA + "," + MYSQL);
        }
        return settings;
    }

    private static boolean phpFpm() {
        try (Stream<Path> files = Files.list(Path.of("/usr/sbin"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("php-fpm") && Files.isExecutable(f));
        } catch (IOException e) {
            return false;
        }
    }
}

package org.conpaas.agent;

import java.util.Locale;

/**
 * How the service's code runs: {@code generic} runs its start.sh, {@code web} serves its files,
 * {@code php} and {@code java} host it with nginx and PHP-FPM or Tomcat in the {@link WebRole}s of the node,
 * {@code mysql} runs a MariaDB Galera node of the service's cluster ({@link DatabaseNode}).
 */
enum ServiceType {
    GENERIC, WEB, PHP, JAVA, MYSQL;

    static ServiceType of(String value) throws SettingsException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "generic" -> GENERIC;
            case "web" -> WEB;
            case "php" -> PHP;
            case "java" -> JAVA;
            case "mysql" -> MYSQL;
            default -> throw new SettingsException("setting type must be generic, web, php, java or mysql, was '" + value + "'");
        };
    }

    /** php and java follow the director's releases with nginx, PHP-FPM/Tomcat and memcached. */
    boolean hostsReleases() {
        return this == PHP || this == JAVA;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

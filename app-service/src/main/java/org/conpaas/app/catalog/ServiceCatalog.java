package org.conpaas.app.catalog;

import org.conpaas.contracts.api.service.CatalogEntry;
import org.conpaas.kit.web.ApiException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The service types this deployment offers, each one something ConPaaS runs. {@code generic} and
 * {@code web} run on any node with the ConPaaS node agent (every cloud, the local one included);
 * php, java and mysql need runtimes on their nodes (the container node image has them all), and a
 * cloud offers only the "images" its operator lists ({@code conpaas.services.clouds.<cloud>.images}).
 * The ConPaaS 1.x types nothing here runs (scalaris, xtreemfs, mapreduce, and taskfarm for now) are
 * not offered.
 */
@Component
public class ServiceCatalog {

    private static final List<String> MANAGED = List.of("manager", "agent");
    private static final List<String> WEB_ROLES = List.of("proxy", "web", "backend");
    /** What a cloud's nodes need for the web hosting types (the container node image has it all). */
    private static final java.util.Map<String, String> RUNTIMES = java.util.Map.of(
            "conpaas-php", "nginx, PHP-FPM and memcached (Debian: apt-get install nginx-light php-fpm php-memcached php-mysql memcached)",
            "conpaas-java", "nginx and Tomcat 10 (Debian: apt-get install nginx-light tomcat10-common libtomcat10-java)",
            "conpaas-mysql", "MariaDB, Galera and rsync (Debian: apt-get install mariadb-server galera-4 rsync)");
    private static final List<CatalogEntry> ENTRIES = List.of(
            new CatalogEntry("generic", "runs your own start.sh/stop.sh on every node", null, true, 1, MANAGED),
            new CatalogEntry("web", "serves an uploaded static site (zip or tar.gz) from every node", null, true, 1, MANAGED),
            new CatalogEntry("php", "PHP application: nginx proxy, static web and PHP-FPM backends, shared sessions, rolling releases",
                    "conpaas-php", true, 1, WEB_ROLES),
            new CatalogEntry("java", "Java web application (a WAR) on Tomcat 10 backends behind an nginx proxy, rolling releases",
                    "conpaas-java", true, 1, WEB_ROLES),
            new CatalogEntry("mysql", "MySQL-compatible database (MariaDB): every node a Galera multi-master replica, "
                    + "add nodes to replicate further", "conpaas-mysql", false, 1, MANAGED));

    private final CloudImages clouds;

    ServiceCatalog(CloudImages clouds) {
        this.clouds = clouds;
    }

    public List<CatalogEntry> entries() {
        return ENTRIES.stream().map(e -> e.on(clouds.clouds().keySet().stream().sorted()
                .filter(cloud -> e.image() == null || clouds.imagesOf(cloud).contains(e.image())).toList(), missing(e.image()))).toList();
    }

    private static String missing(String image) {
        return image == null ? null : RUNTIMES.containsKey(image) ? "no cloud's nodes have " + RUNTIMES.get(image)
                : "no cloud offers the image '" + image + "'";
    }

    public Optional<CatalogEntry> find(String type) {
        String wanted = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        return ENTRIES.stream().filter(e -> e.type().equals(wanted)).findFirst();
    }

    /**
     * The entry for {@code type}, checked runnable on {@code cloud} (null: the default cloud);
     * refuses an unknown type or cloud, or a cloud without the image the type needs, naming it.
     */
    public CatalogEntry runnable(String type, String cloud) {
        CatalogEntry entry = find(type).orElseThrow(() -> ApiException.invalid("type must be one of "
                + ENTRIES.stream().map(CatalogEntry::type).toList() + (type == null ? "" : ", not '" + abbreviate(type) + "'")));
        String target = clouds.resolve(cloud);
        if (entry.image() != null && !clouds.imagesOf(target).contains(entry.image())) {
            if (RUNTIMES.containsKey(entry.image())) {
                throw ApiException.invalid("cloud '" + target + "' cannot run a " + entry.type() + " service: its nodes lack "
                        + RUNTIMES.get(entry.image()) + "; then list " + entry.image() + " in conpaas.services.clouds." + target + ".images"
                        + " (the nutshell does that itself when they are installed)");
            }
            throw ApiException.invalid("cloud '" + target + "' cannot run a " + entry.type() + " service: it lacks the image '"
                    + entry.image() + "' (operator: add it to conpaas.services.clouds." + target + ".images)");
        }
        return entry;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

package org.conpaas.agent;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What nginx, PHP-FPM and Tomcat are given, rendered without running them. */
class WebHostingConfigTest {

    private static final Path STATE = Path.of("/var/lib/conpaas/tenant/.conpaas-runtime");
    private static final Path CODE = Path.of("/var/lib/conpaas/code/3");
    private static final WebPorts PORTS = new WebPorts(8080, 8081, 8082, 11211);
    private static final Release RELEASE = new Release(4, 3, ReleaseEnvironment.of(Map.of("GREETING", "hello")), "/");

    private static NginxConfig nginx(ServiceType type, EnumSet<WebRole> roles, ProxyMembers members) {
        return new NginxConfig(type, roles, PORTS, "10.213.0.5", STATE, RELEASE, CODE, members, STATE.resolve("php-fpm.sock"), 40123);
    }

    @Test
    void theProxyBalancesStaticFilesOverTheWebsAndTheRestOverTheBackends() {
        ProxyMembers members = new ProxyMembers("h1", List.of(new ProxyMembers.Member("n-1", "10.213.0.5", 8082, 1),
                new ProxyMembers.Member("n-2", "10.213.0.6", 8082, 3)), List.of(new ProxyMembers.Member("n-1", "10.213.0.5", 8081, 1)));
        String config = nginx(ServiceType.PHP, EnumSet.of(WebRole.PROXY), members).render();

        assertTrue(config.contains("daemon off;\nworker_processes 1;\npid " + STATE + "/nginx/nginx.pid;\nerror_log stderr notice;"), config);
        assertTrue(config.contains("client_body_temp_path " + STATE + "/nginx/client_body;"), config);
        assertTrue(config.contains("""
                    upstream conpaas_backends {
                        server 10.213.0.5:8082 weight=1 max_fails=1 fail_timeout=5s;
                        server 10.213.0.6:8082 weight=3 max_fails=1 fail_timeout=5s;
                        keepalive 16;
                    }
                """), config);
        assertTrue(config.contains("server 10.213.0.5:8081 weight=1"), config);
        assertTrue(config.contains("listen 8080;"), config);
        assertTrue(config.contains("access_log syslog:server=127.0.0.1:40123,tag=conpaas_proxy,nohostname conpaas;"), config);
        assertTrue(config.contains("proxy_next_upstream error timeout http_502 http_503;"), config);
        assertTrue(config.contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"), config);
        assertTrue(config.contains("location ~* \\.(css|js|mjs|png|jpg|jpeg|gif|svg|ico|webp|woff|woff2|ttf|map|txt)$ { proxy_pass http://conpaas_webs; }"),
                config);
        assertTrue(config.contains("location / { proxy_pass http://conpaas_backends; }"), config);
        assertFalse(config.contains("root "), "a proxy serves no files");
    }

    @Test
    void aProxyWithoutBackendsAnswers503AndSendsNothingToMissingWebs() {
        String config = nginx(ServiceType.JAVA, EnumSet.of(WebRole.PROXY), null).render();
        assertTrue(config.contains("location / { default_type text/plain; return 503 \"this service has no healthy backend\\n\"; }"), config);
        assertFalse(config.contains("upstream conpaas"), config);
    }

    @Test
    void webAndPhpBackendServeTheReleaseButNeverItsSources() {
        String config = nginx(ServiceType.PHP, EnumSet.of(WebRole.WEB, WebRole.BACKEND), null).render();
        assertTrue(config.contains("listen 10.213.0.5:8081;\n        root " + CODE + ";"), config);
        assertTrue(config.contains("location ~* \\.(php[0-9]?|phtml|phar|inc)$ { return 404; }"), config);
        assertTrue(config.contains("listen 10.213.0.5:8082;"), config);
        assertTrue(config.contains("add_header X-ConPaaS-Release 4 always;"), config);
        assertTrue(config.contains("location / { try_files $uri $uri/ /index.php?$query_string; }"), config);
        assertTrue(config.contains("fastcgi_pass unix:" + STATE + "/php-fpm.sock;"), config);
        assertTrue(config.contains("index index.php index.html;"), config);
        assertFalse(config.contains("listen 8080"), "no proxy role");

        String java = nginx(ServiceType.JAVA, EnumSet.of(WebRole.WEB, WebRole.BACKEND), null).render();
        assertTrue(java.contains("location ~* ^/(WEB-INF|META-INF)(/|$) { return 404; }"), java);
        assertFalse(java.contains("8082"), "Tomcat itself listens on the backend port");
    }

    @Test
    void pathsNginxCouldMisreadAreRefused() {
        NginxConfig config = new NginxConfig(ServiceType.PHP, EnumSet.allOf(WebRole.class), PORTS, "0.0.0.0", Path.of("/tmp/a b;"),
                RELEASE, CODE, null, Path.of("/tmp/s"), 1);
        assertThrows(IllegalArgumentException.class, config::render);
    }

    @Test
    void thePhpPoolNamesTheVariablesButHoldsNoValueAndUsesTheSessionStore() {
        ReleaseEnvironment environment = ReleaseEnvironment.of(Map.of("GREETING", "hello", "DB_PASSWORD", "s3cret"));
        String pool = new PhpFpmConfig(STATE, environment, new SessionStore("10.213.0.5", 11211)).render();
        assertTrue(pool.contains("listen = " + STATE + "/php-fpm.sock\n"), pool);
        assertTrue(pool.contains("clear_env = yes\n"), pool);
        assertTrue(pool.contains("env[GREETING] = $GREETING\n") && pool.contains("env[DB_PASSWORD] = $DB_PASSWORD\n"), pool);
        assertFalse(pool.contains("s3cret") || pool.contains("hello"), pool);
        assertTrue(pool.contains("pm = dynamic\npm.max_children = 8\n"), pool);
        assertTrue(pool.contains("catch_workers_output = yes\n"), pool);
        assertTrue(pool.contains("php_value[session.save_handler] = memcached\nphp_value[session.save_path] = \"10.213.0.5:11211\"\n"), pool);

        String files = new PhpFpmConfig(STATE, ReleaseEnvironment.EMPTY, null).render();
        assertTrue(files.contains("php_value[session.save_handler] = files\nphp_value[session.save_path] = \"" + STATE + "/php-sessions\"\n"),
                files);
    }

    @Test
    void tomcatGetsOneConnectorNoShutdownPortAndTheReleaseAsRoot() {
        TomcatBase base = new TomcatBase(STATE.resolve("tomcat"), Path.of("/usr/share/tomcat10"), Path.of("/usr/bin/java"), "0.0.0.0",
                8082, Path.of("/code/a&b"));
        String server = base.serverXml();
        assertTrue(server.contains("<Server port=\"-1\" shutdown=\"SHUTDOWN\">"), server);
        assertTrue(server.contains("<Connector port=\"8082\" address=\"0.0.0.0\" protocol=\"HTTP/1.1\""), server);
        assertTrue(server.contains("<Context path=\"\" docBase=\"/code/a&amp;b\" reloadable=\"false\" />"), server);
        assertFalse(server.contains("AJP"), server);
        assertTrue(base.command().containsAll(List.of("-Xmx192m", "-XX:+UseSerialGC", "-Dcatalina.home=/usr/share/tomcat10",
                "-Dcatalina.base=" + STATE + "/tomcat", "org.apache.catalina.startup.Bootstrap", "start")), base.command().toString());
        assertTrue(base.command().contains("/usr/share/tomcat10/bin/bootstrap.jar:/usr/share/tomcat10/bin/tomcat-juli.jar"));
    }
}

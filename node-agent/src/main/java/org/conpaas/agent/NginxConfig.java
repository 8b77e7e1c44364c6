package org.conpaas.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * nginx's configuration for a php or java node: one master (non-root, every temporary path in the
 * runtime's own directory, errors to stderr), a server per role:
 * <ul>
 * <li>proxy, on all interfaces: static files (by extension) to the webs when there are any,
 * the rest to the backends, another backend tried when one fails; 503 when there is none;
 * each request to the agent's access-log receiver (syslog over UDP on 127.0.0.1);</li>
 * <li>web: the release's code as static files, never PHP sources, WEB-INF, META-INF or dot files;</li>
 * <li>backend (php): the release's code, {@code .php} to PHP-FPM's socket, a header naming the
 * release so the health check knows which release answered.</li>
 * </ul>
 */
record NginxConfig(ServiceType type, Set<WebRole> roles, WebPorts ports, String listenAddress, Path stateDir,
                   Release release, Path codeDirectory, ProxyMembers members, Path fpmSocket, int accessLogPort) {

    static final String RELEASE_HEADER = "X-ConPaaS-Release";
    static final String STATIC_EXTENSIONS = "css|js|mjs|png|jpg|jpeg|gif|svg|ico|webp|woff|woff2|ttf|map|txt";
    static final String NO_BACKEND = "this service has no healthy backend";
    static final String ACCESS_LOG_TAG = "conpaas_proxy";
    private static final String TYPES = """
                text/html html htm; text/css css; text/javascript js mjs; application/json json map; text/plain txt;
                application/xml xml; image/svg+xml svg; image/png png; image/jpeg jpg jpeg; image/gif gif; image/webp webp;
                image/x-icon ico; application/pdf pdf; application/wasm wasm; font/woff woff; font/woff2 woff2; font/ttf ttf;
            """;

    Path pidFile() {
        return stateDir.resolve("nginx/nginx.pid");
    }

    String render() {
        for (Path path : new Path[]{stateDir, codeDirectory, fpmSocket}) {
            if (path != null && !path.toString().matches("[A-Za-z0-9/._+@=-]+")) {
                throw new IllegalArgumentException("nginx cannot be given the path " + path + ": only letters, digits and /._+@=- are used");
            }
        }
        Path nginx = stateDir.resolve("nginx");
        StringBuilder out = new StringBuilder();
        out.append("# written by the ConPaaS node agent: changes are overwritten\n")
                .append("daemon off;\n")
                .append("worker_processes 1;\n")
                .append("pid ").append(pidFile()).append(";\n")
                .append("error_log stderr notice;\n")
                .append("events { worker_connections 512; }\n")
                .append("http {\n")
                .append("    types {\n").append(TYPES).append("    }\n")
                .append("    default_type application/octet-stream;\n")
                .append("    sendfile on;\n    server_tokens off;\n    client_max_body_size 64m;\n")
                .append("    client_body_temp_path ").append(nginx.resolve("client_body")).append(";\n")
                .append("    proxy_temp_path ").append(nginx.resolve("proxy")).append(";\n")
                .append("    fastcgi_temp_path ").append(nginx.resolve("fastcgi")).append(";\n")
                .append("    uwsgi_temp_path ").append(nginx.resolve("uwsgi")).append(";\n")
                .append("    scgi_temp_path ").append(nginx.resolve("scgi")).append(";\n")
                .append("    access_log off;\n")
                .append("    log_format conpaas '$msec $status $request_time \"$upstream_addr\" \"$request\"';\n");
        if (roles.contains(WebRole.PROXY)) {
            proxy(out);
        }
        if (release != null && roles.contains(WebRole.WEB)) {
            web(out);
        }
        if (release != null && roles.contains(WebRole.BACKEND) && type == ServiceType.PHP) {
            phpBackend(out);
        }
        return out.append("}\n").toString();
    }

    private void proxy(StringBuilder out) {
        List<ProxyMembers.Member> backends = members == null ? List.of() : members.backends();
        List<ProxyMembers.Member> webs = members == null ? List.of() : members.webs();
        upstream(out, "conpaas_backends", backends);
        upstream(out, "conpaas_webs", webs);
        out.append("    server {\n")
                .append("        listen ").append(ports.proxy()).append(";\n")
                .append("        access_log syslog:server=127.0.0.1:").append(accessLogPort).append(",tag=").append(ACCESS_LOG_TAG)
                .append(",nohostname conpaas;\n")
                .append("        proxy_http_version 1.1;\n")
                .append("        proxy_set_header Connection \"\";\n")
                .append("        proxy_set_header Host $host;\n")
                .append("        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
                .append("        proxy_set_header X-Forwarded-Proto $scheme;\n")
                .append("        proxy_set_header X-Forwarded-Host $host;\n")
                .append("        proxy_hide_header ").append(RELEASE_HEADER).append(";\n")
                .append("        proxy_connect_timeout 3s;\n")
                .append("        proxy_next_upstream error timeout http_502 http_503;\n")
                .append("        proxy_next_upstream_tries 3;\n");
        if (!webs.isEmpty()) {
            out.append("        location ~* \\.(").append(STATIC_EXTENSIONS).append(")$ { proxy_pass http://conpaas_webs; }\n");
        }
        if (backends.isEmpty()) {
            out.append("        location / { default_type text/plain; return 503 \"").append(NO_BACKEND).append("\\n\"; }\n");
        } else {
            out.append("        location / { proxy_pass http://conpaas_backends; }\n");
        }
        out.append("    }\n");
    }

    private static void upstream(StringBuilder out, String name, List<ProxyMembers.Member> members) {
        if (members.isEmpty()) {
            return;
        }
        out.append("    upstream ").append(name).append(" {\n");
        for (ProxyMembers.Member member : members) {
            out.append("        server ").append(member.address()).append(" weight=").append(member.weight())
                    .append(" max_fails=1 fail_timeout=5s;\n");
        }
        out.append("        keepalive 16;\n    }\n");
    }

    private void web(StringBuilder out) {
        out.append("    server {\n")
                .append("        listen ").append(listenAddress).append(':').append(ports.web()).append(";\n")
                .append("        root ").append(codeDirectory).append(";\n")
                .append("        index index.html index.htm;\n")
                .append("        location ~ /\\.(?!well-known/) { return 404; }\n");
        if (type == ServiceType.PHP) {
            out.append("        location ~* \\.(php[0-9]?|phtml|phar|inc)$ { return 404; }\n");
        } else {
            out.append("        location ~* ^/(WEB-INF|META-INF)(/|$) { return 404; }\n");
        }
        out.append("    }\n");
    }

    private void phpBackend(StringBuilder out) {
        out.append("    server {\n")
                .append("        listen ").append(listenAddress).append(':').append(ports.backend()).append(";\n")
                .append("        root ").append(codeDirectory).append(";\n")
                .append("        index index.php index.html;\n")
                .append("        add_header ").append(RELEASE_HEADER).append(' ').append(release.number()).append(" always;\n")
                .append("        location ~ /\\.(?!well-known/) { return 404; }\n")
                .append("        location / { try_files $uri $uri/ /index.php?$query_string; }\n")
                .append("        location ~ \\.php$ {\n")
                .append("            try_files $fastcgi_script_name =404;\n")
                .append("            fastcgi_pass unix:").append(fpmSocket).append(";\n")
                .append("            fastcgi_index index.php;\n");
        for (String[] param : FASTCGI_PARAMS) {
            out.append("            fastcgi_param ").append(param[0]).append(' ').append(param[1]).append(";\n");
        }
        out.append("        }\n    }\n");
    }

    /** What Debian's fastcgi_params and snippets/fastcgi-php.conf pass, without depending on /etc/nginx. */
    private static final String[][] FASTCGI_PARAMS = {
            {"SCRIPT_FILENAME", "$document_root$fastcgi_script_name"}, {"QUERY_STRING", "$query_string"},
            {"REQUEST_METHOD", "$request_method"}, {"CONTENT_TYPE", "$content_type"}, {"CONTENT_LENGTH", "$content_length"},
            {"SCRIPT_NAME", "$fastcgi_script_name"}, {"REQUEST_URI", "$request_uri"}, {"DOCUMENT_URI", "$document_uri"},
            {"DOCUMENT_ROOT", "$document_root"}, {"SERVER_PROTOCOL", "$server_protocol"}, {"REQUEST_SCHEME", "$scheme"},
            {"GATEWAY_INTERFACE", "CGI/1.1"}, {"SERVER_SOFTWARE", "nginx"}, {"REMOTE_ADDR", "$remote_addr"},
            {"REMOTE_PORT", "$remote_port"}, {"SERVER_ADDR", "$server_addr"}, {"SERVER_PORT", "$server_port"},
            {"SERVER_NAME", "$server_name"}, {"REDIRECT_STATUS", "200"}, {"HTTP_PROXY", "\"\""}};
}

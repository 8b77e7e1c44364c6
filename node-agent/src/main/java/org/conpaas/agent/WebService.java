package org.conpaas.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * A web service: the code directory served as static files by the JDK's HTTP server, on the
 * http-port setting (0: any free port, reported in heartbeats). A new code version is served
 * from the same port as soon as it is unpacked.
 */
final class WebService implements ServiceHost {

    private static final int THREADS = 4;
    private static final Logger LOG = Logger.getLogger(WebService.class.getName());
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("map", "application/json"));

    private final int configuredPort;
    private final ServiceLog log;
    private HttpServer server;
    private ExecutorService threads;
    private volatile Path root;
    private long version;
    private String problem;

    WebService(int configuredPort, ServiceLog log) {
        this.configuredPort = configuredPort;
        this.log = log;
    }

    @Override
    public synchronized void start(long newVersion, Path codeDirectory, ReleaseEnvironment environment) {
        version = newVersion;
        problem = null;
        try {
            root = codeDirectory.toRealPath();
            listen();
        } catch (IOException e) {
            problem = "code version " + newVersion + ": cannot serve on port " + configuredPort + ": " + e.getMessage();
            log.append("agent: " + problem);
            LOG.warning(problem);
            return;
        }
        log.append("agent: code version " + newVersion + ": serving " + root + " on port " + httpPort());
        LOG.info(() -> "code version " + newVersion + ": serving on port " + httpPort());
    }

    private void listen() throws IOException {
        if (server == null) {
            log.rotateIfLarge();
            server = HttpServer.create(new InetSocketAddress(configuredPort), 64);
            server.createContext("/", this::serve);
            threads = Executors.newFixedThreadPool(THREADS, task -> {
                Thread thread = new Thread(task, "web");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            server.start();
        }
    }

    @Override
    public synchronized ServiceStatus status() {
        if (problem != null) {
            return new ServiceStatus(ServiceState.FAILED, problem);
        }
        if (server == null) {
            return new ServiceStatus(ServiceState.STOPPING, "code version " + version + ": stopped");
        }
        return new ServiceStatus(ServiceState.RUNNING, "code version " + version + ": serving on port " + httpPort());
    }

    @Override
    public synchronized Integer httpPort() {
        return server == null ? null : server.getAddress().getPort();
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
        server = null;
        log.append("agent: code version " + version + ": stopped serving");
        LOG.info(() -> "code version " + version + ": stopped serving");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "method not allowed");
                return;
            }
            Path file = resolve(exchange.getRequestURI().getPath());
            if (file == null) {
                respond(exchange, 404, "not found");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType(file));
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            long size = Files.size(file);
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
                try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
            log.append(method + " " + exchange.getRequestURI().getRawPath() + " 200");
        }
    }

    /** The file a request path names inside the code directory, or null: missing, or outside it. */
    private Path resolve(String path) throws IOException {
        Path base = root;
        if (path == null || path.indexOf('\0') >= 0 || !path.startsWith("/")) {
            return null;
        }
        Path file = base.resolve(path.substring(1)).normalize();
        if (!file.startsWith(base)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(base)) {
            return null;
        }
        return file;
    }

    private void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(body);
        }
        log.append(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + status);
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}

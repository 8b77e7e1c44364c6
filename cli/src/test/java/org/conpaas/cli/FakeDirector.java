package org.conpaas.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A local HTTP server answering cps as the gateway would, with canned JSON per method and path (a
 * path with its query string is matched first; a body may come with its own status); records what
 * was posted and every call made.
 */
final class FakeDirector implements AutoCloseable {

    /** An answer with its status (200 unless said). */
    record Answer(int status, String json) {
    }

    final List<String> posted = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<Answer>> answers = new ConcurrentHashMap<>();
    private final HttpServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Path config;

    FakeDirector(Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        config = dir.resolve("cps.conf");
        CpsConfig c = CpsConfig.load(config);
        c.put("url", "http://127.0.0.1:" + server.getAddress().getPort());
        c.put("token", "t");
        c.save();
    }

    FakeDirector on(String method, String path, Supplier<String> json) {
        return answer(method, path, () -> new Answer(200, json.get()));
    }

    /** {@code path} may carry a query string ({@code /api/apps/a1?cascade=false}): it is then matched before the bare path. */
    FakeDirector answer(String method, String path, Supplier<Answer> answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    FakeDirector on(String method, String path, String json) {
        return on(method, path, () -> json);
    }

    int cps(String... args) {
        CommandLine cli = Cps.commandLine(CpsConfig.load(config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    Path configFile() {
        return config;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String full = query == null ? key : key + "?" + query;
        calls.add(full);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!exchange.getRequestMethod().equals("GET")) {
            posted.add(key + " " + body);
        }
        Supplier<Answer> found = answers.getOrDefault(full, answers.get(key));
        Answer answer = found == null ? new Answer(404, "{\"status\":404,\"detail\":\"no " + key + "\"}") : found.get();
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

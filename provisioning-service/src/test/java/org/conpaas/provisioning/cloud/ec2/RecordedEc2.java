package org.conpaas.provisioning.cloud.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in EC2 endpoint on a real port: answers each request with the next recorded response
 * (src/test/resources/cloud/ec2/*.xml, with EC2's HTTP status) and keeps what the SDK sent.
 */
final class RecordedEc2 implements AutoCloseable {

    /** One request as the SDK sent it: the Query API form parameters and the headers. */
    record Request(String method, String path, Map<String, String> headers, Map<String, String> params) {
        String param(String name) {
            return params.get(name);
        }

        /** {@code prefix.1.<key>}, {@code prefix.1.<value>}, ... as a map, e.g. the tags of a TagSpecification. */
        Map<String, String> pairs(String prefix, String key, String value) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (int i = 1; params.containsKey(prefix + "." + i + "." + key); i++) {
                pairs.put(params.get(prefix + "." + i + "." + key), params.get(prefix + "." + i + "." + value));
            }
            return pairs;
        }
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    RecordedEc2() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** Queues the recorded response {@code cloud/ec2/<name>.xml} with this HTTP status. */
    RecordedEc2 then(int status, String name) {
        synchronized (this) {
            replies.add(new Reply(status, resource(name)));
        }
        return this;
    }

    RecordedEc2 thenOk(String name) {
        return then(200, name);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        List<Request> sent = requests();
        if (sent.size() != 1) {
            throw new AssertionError("expected one request, the SDK sent " + sent.size() + ": " + sent);
        }
        return sent.get(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Reply reply;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, form(body)));
            reply = replies.poll();
        }
        if (reply == null) {
            reply = new Reply(400, "<Response><Errors><Error><Code>NoRecordedResponse</Code><Message>the test recorded no response"
                    + " for this request</Message></Error></Errors><RequestID>none</RequestID></Response>");
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
        exchange.getResponseHeaders().add("Server", "AmazonEC2");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String resource(String name) {
        try (InputStream in = RecordedEc2.class.getResourceAsStream("/cloud/ec2/" + name + ".xml")) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response cloud/ec2/" + name + ".xml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.conpaas.provisioning.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A stand-in cloud endpoint on a real loopback port: answers each request with the next recorded
 * response (src/test/resources/cloud/&lt;cloud&gt;/*.xml, with its HTTP status) the way that cloud's
 * server does, and keeps every request it received, decoded by the cloud's test double.
 *
 * @param <R> a received request as the cloud's tests look at it
 */
public final class ReplayingHttpServer<R> implements AutoCloseable {

    /**
     * How one cloud's server answers.
     *
     * @param recordings     the folder of its recorded responses under src/test/resources
     * @param contentType    its Content-Type header
     * @param server         its Server header
     * @param unrecordedReply what it answers when the test queued no response
     */
    public record Dialect(String recordings, String contentType, String server, Reply unrecordedReply) {
    }

    /** One response: an HTTP status and its body. */
    public record Reply(int status, String body) {
    }

    /** Turns what arrived (the exchange and its body, already read) into a received request. */
    @FunctionalInterface
    public interface Decoder<R> {
        R decode(HttpExchange exchange, String body);
    }

    private final Dialect dialect;
    private final Decoder<R> decoder;
    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<R> received = new ArrayList<>();

    public ReplayingHttpServer(Dialect dialect, Decoder<R> decoder) {
        this.dialect = dialect;
        this.decoder = decoder;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** Queues the recorded response {@code cloud/<cloud>/<name>.xml} with this HTTP status. */
    public synchronized void then(int status, String name) {
        replies.add(new Reply(status, resource(dialect.recordings(), name)));
    }

    /** {@code http://127.0.0.1:<port>}, no path. */
    public URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized List<R> received() {
        return List.copyOf(received);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Reply reply;
        synchronized (this) {
            received.add(decoder.decode(exchange, body));
            reply = replies.poll();
        }
        if (reply == null) {
            reply = dialect.unrecordedReply();
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", dialect.contentType());
        exchange.getResponseHeaders().add("Server", dialect.server());
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String resource(String recordings, String name) {
        String path = "cloud/" + recordings + "/" + name + ".xml";
        try (InputStream in = ReplayingHttpServer.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response " + path);
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

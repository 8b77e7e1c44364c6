package org.conpaas.provisioning.cloud.opennebula;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
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
 * A stand-in oned on a real port: answers each XML-RPC call on /RPC2 with the next recorded
 * response (src/test/resources/cloud/opennebula/*.xml, with its HTTP status) and keeps every call
 * the driver sent, decoded from its methodCall document.
 */
final class RecordedOpenNebula implements AutoCloseable {

    /** One call as the driver sent it: the method, its decoded parameters (String, Integer, Boolean) and the raw exchange. */
    record Call(String httpMethod, String path, String contentType, String methodName, List<Object> params, String body) {
        Object param(int index) {
            return params.get(index);
        }
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();

    RecordedOpenNebula() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** Queues the recorded response {@code cloud/opennebula/<name>.xml} with this HTTP status. */
    RecordedOpenNebula then(int status, String name) {
        synchronized (this) {
            replies.add(new Reply(status, resource(name)));
        }
        return this;
    }

    RecordedOpenNebula thenOk(String name) {
        return then(200, name);
    }

    /** oned's XML-RPC endpoint, as operators configure it. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/RPC2");
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    Call onlyCall() {
        List<Call> sent = calls();
        if (sent.size() != 1) {
            throw new AssertionError("expected one call, the driver sent " + sent.size() + ": " + sent);
        }
        return sent.get(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Reply reply;
        synchronized (this) {
            calls.add(decode(exchange, body));
            reply = replies.poll();
        }
        if (reply == null) {
            reply = new Reply(500, "no recorded response for this call");
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        // as oned's Abyss server answers
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("Server", "XMLRPC_ABYSS/1.51.0");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Call decode(HttpExchange exchange, String body) {
        try {
            Element call = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            String method = call.getElementsByTagName("methodName").item(0).getTextContent();
            List<Object> params = new ArrayList<>();
            var values = ((Element) call.getElementsByTagName("params").item(0)).getElementsByTagName("value");
            for (int i = 0; i < values.getLength(); i++) {
                params.add(value((Element) values.item(i)));
            }
            return new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), method, params, body);
        } catch (Exception e) {
            throw new AssertionError("the driver sent something that is not an XML-RPC methodCall: " + body, e);
        }
    }

    private static Object value(Element value) {
        for (Node node = value.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element typed) {
                String text = typed.getTextContent();
                return switch (typed.getTagName()) {
                    case "string" -> text;
                    case "i4", "int" -> Integer.parseInt(text);
                    case "boolean" -> "1".equals(text);
                    default -> throw new AssertionError("unexpected parameter type <" + typed.getTagName() + ">");
                };
            }
        }
        return value.getTextContent();
    }

    static String resource(String name) {
        try (InputStream in = RecordedOpenNebula.class.getResourceAsStream("/cloud/opennebula/" + name + ".xml")) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response cloud/opennebula/" + name + ".xml");
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

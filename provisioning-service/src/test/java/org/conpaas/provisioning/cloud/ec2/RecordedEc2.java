package org.conpaas.provisioning.cloud.ec2;

import com.sun.net.httpserver.HttpExchange;
import org.conpaas.provisioning.cloud.ReplayingHttpServer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in EC2 endpoint on a real port: answers each request with the next recorded response
 * (src/test/resources/cloud/ec2/*.xml, with EC2's HTTP status) and keeps what the SDK sent.
 */
final class RecordedEc2 implements AutoCloseable {

    private static final ReplayingHttpServer.Dialect EC2 = new ReplayingHttpServer.Dialect("ec2", "text/xml;charset=UTF-8", "AmazonEC2",
            new ReplayingHttpServer.Reply(400, "<Response><Errors><Error><Code>NoRecordedResponse</Code><Message>the test recorded no"
                    + " response for this request</Message></Error></Errors><RequestID>none</RequestID></Response>"));

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

    private final ReplayingHttpServer<Request> server = new ReplayingHttpServer<>(EC2, RecordedEc2::decode);

    /** Queues the recorded response {@code cloud/ec2/<name>.xml} with this HTTP status. */
    RecordedEc2 then(int status, String name) {
        server.then(status, name);
        return this;
    }

    RecordedEc2 thenOk(String name) {
        return then(200, name);
    }

    URI endpoint() {
        return server.address();
    }

    List<Request> requests() {
        return server.received();
    }

    Request onlyRequest() {
        List<Request> sent = requests();
        if (sent.size() != 1) {
            throw new AssertionError("expected one request, the SDK sent " + sent.size() + ": " + sent);
        }
        return sent.get(0);
    }

    private static Request decode(HttpExchange exchange, String body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, form(body));
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

    @Override
    public void close() {
        server.close();
    }
}

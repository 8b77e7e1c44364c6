package org.conpaas.provisioning.cloud.opennebula;

import com.sun.net.httpserver.HttpExchange;
import org.conpaas.provisioning.cloud.ReplayingHttpServer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in oned on a real port: answers each XML-RPC call on /RPC2 with the next recorded
 * response (src/test/resources/cloud/opennebula/*.xml, with its HTTP status) and keeps every call
 * the driver sent, decoded from its methodCall document.
 */
final class RecordedOpenNebula implements AutoCloseable {

    /** As oned's Abyss server answers. */
    private static final ReplayingHttpServer.Dialect ONED = new ReplayingHttpServer.Dialect("opennebula", "text/xml", "XMLRPC_ABYSS/1.51.0",
            new ReplayingHttpServer.Reply(500, "no recorded response for this call"));

    /** One call as the driver sent it: the method, its decoded parameters (String, Integer, Boolean) and the raw exchange. */
    record Call(String httpMethod, String path, String contentType, String methodName, List<Object> params, String body) {
        Object param(int index) {
            return params.get(index);
        }
    }

    private final ReplayingHttpServer<Call> server = new ReplayingHttpServer<>(ONED, RecordedOpenNebula::decode);

    /** Queues the recorded response {@code cloud/opennebula/<name>.xml} with this HTTP status. */
    RecordedOpenNebula then(int status, String name) {
        server.then(status, name);
        return this;
    }

    RecordedOpenNebula thenOk(String name) {
        return then(200, name);
    }

    /** oned's XML-RPC endpoint, as operators configure it. */
    URI endpoint() {
        return server.address().resolve("/RPC2");
    }

    List<Call> calls() {
        return server.received();
    }

    Call onlyCall() {
        List<Call> sent = calls();
        if (sent.size() != 1) {
            throw new AssertionError("expected one call, the driver sent " + sent.size() + ": " + sent);
        }
        return sent.get(0);
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

    @Override
    public void close() {
        server.close();
    }
}

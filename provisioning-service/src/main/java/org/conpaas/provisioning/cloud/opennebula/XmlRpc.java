package org.conpaas.provisioning.cloud.opennebula;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XML-RPC wire format (http://xmlrpc.com/spec.md) as far as OpenNebula's oned uses it: calls
 * with string, int and boolean parameters; responses carrying arrays, strings, {@code i4}/{@code int},
 * {@code i8} (xmlrpc-c's extension), booleans, doubles and structs, or a fault.
 */
final class XmlRpc {

    /** The server answered with a {@code <fault>}: the call itself was refused (unknown method, wrong parameter type). */
    static final class Fault extends Exception {
        private final int code;

        Fault(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** The body is not an XML-RPC response. */
    static final class MalformedResponse extends Exception {
        MalformedResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private XmlRpc() {
    }

    /** A {@code methodCall} document; parameters are String, Integer or Boolean. */
    static String call(String method, List<Object> params) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall>\n<methodName>")
                .append(escape(method)).append("</methodName>\n<params>\n");
        for (Object param : params) {
            xml.append("<param><value>").append(value(param)).append("</value></param>\n");
        }
        return xml.append("</params>\n</methodCall>\n").toString();
    }

    /** The single value of a {@code methodResponse}: List, Map, String, Integer, Long, Boolean or Double. */
    static Object response(String body) throws Fault, MalformedResponse {
        Element root = parse(body).getDocumentElement();
        if (!"methodResponse".equals(root.getTagName())) {
            throw new MalformedResponse("expected <methodResponse>, got <" + root.getTagName() + ">", null);
        }
        Element fault = child(root, "fault");
        if (fault != null) {
            Object value = value(required(fault, "value"));
            if (value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Number code) {
                throw new Fault(code.intValue(), String.valueOf(struct.get("faultString")));
            }
            throw new MalformedResponse("a <fault> without faultCode and faultString", null);
        }
        Element param = required(required(root, "params"), "param");
        return value(required(param, "value"));
    }

    private static String value(Object param) {
        if (param instanceof String text) {
            return "<string>" + escape(text) + "</string>";
        }
        if (param instanceof Integer number) {
            return "<i4>" + number + "</i4>";
        }
        if (param instanceof Boolean flag) {
            return "<boolean>" + (flag ? 1 : 0) + "</boolean>";
        }
        throw new IllegalArgumentException("no XML-RPC type for " + param);
    }

    private static Object value(Element value) throws MalformedResponse {
        Element typed = firstElement(value);
        if (typed == null) {
            // a <value> without a type element is a string (spec)
            return value.getTextContent();
        }
        String text = typed.getTextContent();
        try {
            return switch (typed.getTagName()) {
                case "string" -> text;
                case "i4", "int" -> Integer.parseInt(text.trim());
                case "i8", "ex:i8" -> Long.parseLong(text.trim());
                case "boolean" -> switch (text.trim()) {
                    case "1" -> true;
                    case "0" -> false;
                    default -> throw new MalformedResponse("boolean must be 0 or 1, not '" + text + "'", null);
                };
                case "double" -> Double.parseDouble(text.trim());
                case "array" -> array(required(typed, "data"));
                case "struct" -> struct(typed);
                case "nil", "ex:nil" -> null;
                default -> throw new MalformedResponse("unsupported XML-RPC type <" + typed.getTagName() + ">", null);
            };
        } catch (NumberFormatException e) {
            throw new MalformedResponse("<" + typed.getTagName() + "> is not a number: '" + text + "'", e);
        }
    }

    private static List<Object> array(Element data) throws MalformedResponse {
        List<Object> items = new ArrayList<>();
        for (Node node = data.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element item) {
                items.add(value(item));
            }
        }
        return items;
    }

    private static Map<String, Object> struct(Element struct) throws MalformedResponse {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Node node = struct.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element member) {
                members.put(required(member, "name").getTextContent(), value(required(member, "value")));
            }
        }
        return members;
    }

    /** A DOM of untrusted XML: no DTDs, no external entities. */
    static Document parse(String xml) throws MalformedResponse {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                // the default handler prints to stderr besides throwing
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new MalformedResponse("not XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static Element required(Element parent, String name) throws MalformedResponse {
        Element child = child(parent, name);
        if (child == null) {
            throw new MalformedResponse("<" + parent.getTagName() + "> has no <" + name + ">", null);
        }
        return child;
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
    }
}

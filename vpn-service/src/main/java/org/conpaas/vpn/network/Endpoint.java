package org.conpaas.vpn.network;

import org.conpaas.kit.web.ApiException;

import java.util.regex.Pattern;

/** Where WireGuard peers reach a node: {@code host:port}, host a name or IPv4 address (or [IPv6]). */
final class Endpoint {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253}):(\\d{1,5})");

    private Endpoint() {
    }

    static String check(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        var m = HOST_PORT.matcher(endpoint.strip());
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
            throw ApiException.invalid("endpoint must be host:port (port 1..65535), was '" + endpoint + "'");
        }
        return endpoint.strip();
    }
}

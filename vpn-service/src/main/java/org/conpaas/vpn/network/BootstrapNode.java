package org.conpaas.vpn.network;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A well-known node new nodes may contact first ({@code udp://host:port} or
 * {@code tcp://host:port}; ConPaaS 1.x's IPOP bootstrap list). Checked when vpn-service starts
 * and handed to every node with its WireGuard configuration.
 */
record BootstrapNode(String protocol, String host, int port) {

    static BootstrapNode parse(String text) {
        String problem = "bootstrap node '" + text + "' must be udp://host:port or tcp://host:port";
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("udp") || scheme.equals("tcp"))) {
            throw new IllegalArgumentException(problem + ": the protocol is udp or tcp");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(problem + ": the host is missing");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(problem + ": the port must be 1-65535");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(problem + ": nothing may follow the port");
        }
        return new BootstrapNode(scheme, uri.getHost(), uri.getPort());
    }

    @Override
    public String toString() {
        return protocol + "://" + host + ":" + port;
    }
}

package org.conpaas.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ports of a php or java node's roles: {@code proxy-port}, {@code static-port} (web),
 * {@code backend-port} and {@code sessions-port} (memcached, with the proxy role). 0 means any
 * free port, picked once when the agent starts and kept for its life.
 */
record WebPorts(int proxy, int web, int backend, int sessions) {

    static WebPorts from(Map<String, String> values) throws SettingsException {
        return new WebPorts(port(values, "proxy-port"), port(values, "static-port"), port(values, "backend-port"),
                port(values, "sessions-port"));
    }

    static int port(Map<String, String> values, String key) throws SettingsException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (value.matches("[0-9]{1,5}") && Integer.parseInt(value) <= 65535) {
            return Integer.parseInt(value);
        }
        throw new SettingsException("setting " + key + " must be a port from 0 (any free one) to 65535, was '"
                + AgentSettings.abbreviate(value) + "'");
    }

    /** These ports with every 0 replaced by a port that was free a moment ago (bound to port 0, read, closed). */
    WebPorts resolved() {
        return new WebPorts(free(proxy), free(web), free(backend), free(sessions));
    }

    static int free(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** The heartbeat's {@code ports}: only the node's roles ({@code sessions} goes with the proxy). */
    Map<String, Integer> of(Set<WebRole> roles) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (roles.contains(WebRole.PROXY)) {
            ports.put("proxy", proxy);
        }
        if (roles.contains(WebRole.WEB)) {
            ports.put("web", web);
        }
        if (roles.contains(WebRole.BACKEND)) {
            ports.put("backend", backend);
        }
        if (roles.contains(WebRole.PROXY)) {
            ports.put("sessions", sessions);
        }
        return ports;
    }
}

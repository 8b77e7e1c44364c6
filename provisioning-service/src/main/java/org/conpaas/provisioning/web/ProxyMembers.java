package org.conpaas.provisioning.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a service's proxies balance over: backends that run the release they are to run, pass their
 * health check and are in rotation; web nodes that run a release; the session store (memcached on
 * the oldest proxy node). {@code hash} names the set: a proxy reports it back once it applied it.
 */
public record ProxyMembers(List<Member> backends, List<Member> webs, Endpoint sessions, String hash) {

    /** A node the proxy sends requests to, with its weight. */
    public record Member(String node, String host, int port, int weight) {
    }

    public record Endpoint(String host, int port) {
    }

    static ProxyMembers of(List<WebNode> nodes) {
        List<Member> backends = nodes.stream()
                .filter(n -> n.has(WebNode.BACKEND) && n.inRotation() && n.healthyOnAssigned() && n.host() != null
                        && n.port(WebNode.BACKEND) != null)
                .map(n -> new Member(n.id(), n.host(), n.port(WebNode.BACKEND), n.weight())).toList();
        List<Member> webs = nodes.stream()
                .filter(n -> n.has(WebNode.WEB) && n.runningRelease() != null && n.host() != null && n.port(WebNode.WEB) != null)
                .map(n -> new Member(n.id(), n.host(), n.port(WebNode.WEB), n.weight())).toList();
        Endpoint sessions = nodes.stream()
                .filter(n -> n.has(WebNode.PROXY) && n.host() != null && n.port(WebNode.SESSIONS) != null)
                .findFirst().map(n -> new Endpoint(n.host(), n.port(WebNode.SESSIONS))).orElse(null);
        StringBuilder canonical = new StringBuilder();
        backends.forEach(m -> canonical.append("b ").append(m).append('\n'));
        webs.forEach(m -> canonical.append("w ").append(m).append('\n'));
        canonical.append("s ").append(sessions);
        return new ProxyMembers(backends, webs, sessions, sha256(canonical.toString()).substring(0, 16));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

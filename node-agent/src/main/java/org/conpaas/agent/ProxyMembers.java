package org.conpaas.agent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What a node with the proxy role balances over, as the control plane decided (healthy nodes in
 * rotation): the backends, the webs (static files), and {@code hash}, the control plane's opaque
 * name for this list, reported back once nginx runs with it. Hosts and ports go into nginx's
 * configuration, so only host names, IPv4 and IPv6 addresses and real ports get in.
 */
record ProxyMembers(String hash, List<Member> backends, List<Member> webs) {

    private static final Logger LOG = Logger.getLogger(ProxyMembers.class.getName());

    record Member(String node, String host, int port, int weight) {
        /** host:port as nginx's {@code server} takes it. */
        String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** From the heartbeat answer; null when it has no membersHash (an older director). */
    static ProxyMembers from(Map<String, Object> answer) {
        if (!(answer.get("membersHash") instanceof String hash) || hash.isEmpty()) {
            return null;
        }
        return new ProxyMembers(hash, members(answer.get("backends")), members(answer.get("webs")));
    }

    private static List<Member> members(Object list) {
        List<Member> members = new ArrayList<>();
        if (!(list instanceof List<?> entries)) {
            return members;
        }
        for (Object entry : entries) {
            Member member = entry instanceof Map<?, ?> fields ? member(fields) : null;
            if (member == null) {
                LOG.warning(() -> "ignoring a member the proxy cannot use: " + AgentSettings.abbreviate(String.valueOf(entry)));
            } else {
                members.add(member);
            }
        }
        return List.copyOf(members);
    }

    private static Member member(Map<?, ?> fields) {
        String host = fields.get("host") instanceof String h && validHost(h) ? h : null;
        int port = number(fields.get("port"), 1, 65535, -1);
        int weight = number(fields.get("weight"), 1, 1000, 1);
        if (host == null || port < 0 || weight < 0) {
            return null;
        }
        return new Member(fields.get("node") instanceof String node ? node : "", host, port, weight);
    }

    static boolean validHost(String host) {
        return host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})") || host.matches("[0-9A-Fa-f:.]{2,45}") && host.indexOf(':') >= 0;
    }

    /** {@code value} when it is a whole number in range, {@code absent} when there is none, -1 when it is out of range. */
    private static int number(Object value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        if (!(value instanceof BigDecimal number)) {
            return -1;
        }
        try {
            int n = number.intValueExact();
            return n >= min && n <= max ? n : -1;
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}

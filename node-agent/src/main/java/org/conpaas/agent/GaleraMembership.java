package org.conpaas.agent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What the director tells a mysql node about its service's Galera cluster: whether this node is to
 * form it ({@code bootstrap}: no node of the service is in the cluster and this one is the oldest),
 * the nodes that are in it ({@code peers}, to join through), the password of the service's agent
 * account ({@code agentPassword}: the agents' own way into their server, the same on every node)
 * an administrator password the user set and no node applied yet, and an archive to make (a dump or
 * backup, {@code exportArchive}) or a load to run ({@code importRequest}) and the accounts of the
 * service's bindings ({@code accounts}: every one the servers are to have), given to one member only.
 */
record GaleraMembership(boolean bootstrap, List<Peer> peers, String agentPassword, Optional<AdminPassword> adminPassword,
                        Optional<String> exportArchive, Optional<String> importRequest, Optional<BindingAccounts> accounts) {

    GaleraMembership(boolean bootstrap, List<Peer> peers, String agentPassword, Optional<AdminPassword> adminPassword) {
        this(bootstrap, peers, agentPassword, adminPassword, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static final Logger LOG = Logger.getLogger(GaleraMembership.class.getName());

    record Peer(String host, int port) {
        String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The password the user chose for the {@code admin} account, numbered so the node can say which it applied. */
    record AdminPassword(long serial, String password) {
        @Override
        public String toString() {
            return "AdminPassword[" + serial + "]";
        }
    }

    @Override
    public String toString() {
        return "GaleraMembership[bootstrap " + bootstrap + ", peers " + peers + "]";
    }

    /** {@code gcomm://host:port,…}, empty peers forming a new cluster. */
    String clusterAddress() {
        return peers.stream().map(Peer::address).collect(Collectors.joining(",", "gcomm://", ""));
    }

    /** From the heartbeat answer's {@code galera} object; null when there is none (not a mysql node, an older director). */
    static GaleraMembership from(Map<String, Object> answer) {
        if (!(answer.get("galera") instanceof Map<?, ?> galera)) {
            return null;
        }
        if (!(galera.get("agentPassword") instanceof String agentPassword) || !usablePassword(agentPassword)) {
            throw new IllegalArgumentException("galera.agentPassword must be a password of 16 to 128 letters and digits");
        }
        List<Peer> peers = new ArrayList<>();
        if (galera.get("peers") instanceof List<?> entries) {
            for (Object entry : entries) {
                Peer peer = entry instanceof Map<?, ?> fields ? peer(fields) : null;
                if (peer == null) {
                    LOG.warning(() -> "ignoring a Galera peer the node cannot use: " + AgentSettings.abbreviate(String.valueOf(entry)));
                } else {
                    peers.add(peer);
                }
            }
        }
        Optional<AdminPassword> admin = Optional.empty();
        if (galera.get("adminPassword") instanceof String password && galera.get("adminPasswordSerial") instanceof BigDecimal serial) {
            admin = Optional.of(new AdminPassword(serial.longValueExact(), password));
        }
        return new GaleraMembership(Boolean.TRUE.equals(galera.get("bootstrap")), List.copyOf(peers), agentPassword, admin,
                id(galera.get("exportArchive")), id(galera.get("importRequest")),
                BindingAccounts.from(galera.get("accounts"), galera.get("accountsHash")));
    }

    /** An archive's or load's id goes into a URL path: only such characters get in. */
    private static Optional<String> id(Object value) {
        return value instanceof String id && id.matches("[A-Za-z0-9-]{1,64}") ? Optional.of(id) : Optional.empty();
    }

    private static boolean usablePassword(String password) {
        return password.matches("[A-Za-z0-9]{16,128}");
    }

    private static Peer peer(Map<?, ?> fields) {
        if (!(fields.get("host") instanceof String host) || !ProxyMembers.validHost(host)
                || !(fields.get("port") instanceof BigDecimal port)) {
            return null;
        }
        try {
            int p = port.intValueExact();
            return p >= 1 && p <= 65535 ? new Peer(host, p) : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }
}

package org.conpaas.vpn.network;

import java.util.List;

/**
 * A node's {@code wg-quick} configuration for its application's network: its address with the
 * application network's prefix, and every other node of the application (of any of its services)
 * that has registered a key as a peer. The node adds its own PrivateKey
 * line: ConPaaS never holds a node's private key.
 */
record WireGuardConfig(String address, int prefix, int listenPort, List<Peer> peers, List<String> bootstrapNodes) {

    record Peer(String nodeId, String publicKey, String address, String endpoint) {
    }

    String render() {
        StringBuilder conf = new StringBuilder()
                .append("[Interface]\n")
                .append("# PrivateKey = <the node's own key: it never leaves the node>\n")
                .append("Address = ").append(address).append('/').append(prefix).append('\n')
                .append("ListenPort = ").append(listenPort).append('\n');
        for (String bootstrap : bootstrapNodes) {
            conf.append("# ConPaaS-Bootstrap = ").append(bootstrap).append('\n');
        }
        for (Peer peer : peers) {
            conf.append("\n[Peer]\n")
                    .append("# node ").append(peer.nodeId()).append('\n')
                    .append("PublicKey = ").append(peer.publicKey()).append('\n')
                    .append("AllowedIPs = ").append(peer.address()).append("/32\n");
            if (peer.endpoint() != null) {
                conf.append("Endpoint = ").append(peer.endpoint()).append('\n')
                        .append("PersistentKeepalive = 25\n");
            }
        }
        return conf.toString();
    }
}

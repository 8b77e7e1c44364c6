package org.conpaas.provisioning.cloud.docker;

import org.conpaas.provisioning.cloud.Iptables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nodes on a local engine reach this machine only at the director: what arrives from the node
 * network's bridge is accepted on the director's port (and as replies), and dropped on every other
 * port of the host — also those listening on all addresses; nothing from the bridge is forwarded
 * off it. Raised with the first node and lowered with the last, only where provisioning-service
 * runs as root beside the engine with iptables; on a remote engine its operator fences the host.
 */
final class BridgeFence {

    private static final Logger log = LoggerFactory.getLogger(BridgeFence.class);
    private static final String PURPOSE = "fence the node network off this host";

    private final String bridge;
    private final String chain;
    private final Set<Integer> directorPorts = new TreeSet<>();

    private BridgeFence(String bridge) {
        this.bridge = bridge;
        this.chain = "CONPAAS-" + bridge.toUpperCase(java.util.Locale.ROOT);
    }

    /** The fence for the bridge interface {@code bridge}, or null where this process cannot raise one. */
    static BridgeFence of(String bridge, boolean localEngine) {
        return localEngine && Iptables.available() ? new BridgeFence(bridge) : null;
    }

    synchronized void raiseFor(int directorPort) {
        if (directorPorts.contains(directorPort) && Iptables.present("INPUT", input())) {
            return;
        }
        directorPorts.add(directorPort);
        List<List<String>> rules = new ArrayList<>();
        rules.add(List.of("-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"));
        for (int port : directorPorts) {
            rules.add(List.of("-p", "tcp", "--dport", String.valueOf(port), "-j", "ACCEPT"));
        }
        rules.add(List.of("-j", "DROP"));
        Iptables.fill(chain, rules, PURPOSE);
        Iptables.ensure("INPUT", input(), PURPOSE);
        Iptables.ensure("FORWARD", forward(), PURPOSE);
        log.info("nodes on {} reach this host only on port(s) {}", bridge, directorPorts);
    }

    synchronized void lower() {
        Iptables.remove("INPUT", input());
        Iptables.remove("FORWARD", forward());
        Iptables.drop(chain);
        directorPorts.clear();
    }

    private List<String> input() {
        return List.of("-i", bridge, "-j", chain);
    }

    private List<String> forward() {
        return List.of("-i", bridge, "!", "-o", bridge, "-j", "DROP");
    }
}

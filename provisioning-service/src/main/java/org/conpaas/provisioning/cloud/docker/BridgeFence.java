package org.conpaas.provisioning.cloud.docker;

import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.SystemCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private final String bridge;
    private final String chain;
    private final Set<Integer> directorPorts = new TreeSet<>();

    private BridgeFence(String bridge) {
        this.bridge = bridge;
        this.chain = "CONPAAS-" + bridge.toUpperCase(java.util.Locale.ROOT);
    }

    /** The fence for the bridge interface {@code bridge}, or null where this process cannot raise one. */
    static BridgeFence of(String bridge, boolean localEngine) {
        if (!localEngine || !"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/iptables"))) {
            return null;
        }
        return new BridgeFence(bridge);
    }

    synchronized void raiseFor(int directorPort) {
        if (directorPorts.contains(directorPort) && present(input())) {
            return;
        }
        directorPorts.add(directorPort);
        SystemCommand.run(iptables("-N", chain));
        require(iptables("-F", chain));
        require(iptables("-A", chain, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"));
        for (int port : directorPorts) {
            require(iptables("-A", chain, "-p", "tcp", "--dport", String.valueOf(port), "-j", "ACCEPT"));
        }
        require(iptables("-A", chain, "-j", "DROP"));
        for (List<String> rule : List.of(input(), forward())) {
            if (!present(rule)) {
                List<String> insert = new ArrayList<>(iptables("-I", rule.get(0), "1"));
                insert.addAll(rule.subList(1, rule.size()));
                require(insert);
            }
        }
        log.info("nodes on {} reach this host only on port(s) {}", bridge, directorPorts);
    }

    synchronized void lower() {
        for (List<String> rule : List.of(input(), forward())) {
            List<String> delete = new ArrayList<>(iptables("-D", rule.get(0)));
            delete.addAll(rule.subList(1, rule.size()));
            while (present(rule) && SystemCommand.run(delete).exit() == 0) {
                // an earlier run's copy goes too
            }
        }
        SystemCommand.run(iptables("-F", chain));
        SystemCommand.run(iptables("-X", chain));
        directorPorts.clear();
    }

    private List<String> input() {
        return List.of("INPUT", "-i", bridge, "-j", chain);
    }

    private List<String> forward() {
        return List.of("FORWARD", "-i", bridge, "!", "-o", bridge, "-j", "DROP");
    }

    private static boolean present(List<String> rule) {
        List<String> check = new ArrayList<>(iptables("-C", rule.get(0)));
        check.addAll(rule.subList(1, rule.size()));
        return SystemCommand.run(check).exit() == 0;
    }

    private static List<String> iptables(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/iptables", "-w"));
        command.addAll(List.of(args));
        return command;
    }

    private static void require(List<String> command) {
        SystemCommand.Result result = SystemCommand.run(command);
        if (result.exit() != 0) {
            throw new CloudException(CloudException.Reason.UNREACHABLE, null,
                    "could not fence the node network off this host (" + String.join(" ", command) + "): " + result.output());
        }
    }
}

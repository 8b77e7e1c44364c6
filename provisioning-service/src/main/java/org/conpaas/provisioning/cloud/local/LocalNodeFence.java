package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.Iptables;
import org.conpaas.provisioning.cloud.SystemCommand;
import org.conpaas.provisioning.cloud.CloudException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the code on local nodes away from the platform's ports on this machine. Local nodes share
 * the host's network, so their users (all in one group per deployment) pass an iptables chain for
 * every connection to an address of this host (one chain and group per local cloud, there only while
 * a node of it runs): the director's port is open (enrollment, heartbeats,
 * code), so are ports from 32768 up (where node services listen: port 0 picks one there) except
 * the {@code fenced-ports} (the nutshell's embedded PostgreSQL and broker live up there), and every
 * other port — the services', PostgreSQL's, RabbitMQ's, Keycloak's — is refused. Only when running
 * as root with iptables; otherwise the local cloud's health says the ports are reachable.
 */
final class LocalNodeFence {

    private static final Logger log = LoggerFactory.getLogger(LocalNodeFence.class);
    private static final String PURPOSE = "fence local nodes off the platform's ports";
    static final int NODE_PORTS_FROM = 32768;

    private final String group;
    private final String chain;
    private final Set<Integer> fencedPorts;
    private final Set<Integer> directorPorts = new TreeSet<>();

    private LocalNodeFence(String deployment, String cloud, Set<Integer> fencedPorts) {
        String tag = tagOf(deployment, cloud);
        this.group = "cpg" + tag;
        this.chain = "CONPAAS-" + tag.toUpperCase(java.util.Locale.ROOT);
        this.fencedPorts = new TreeSet<>(fencedPorts);
    }

    /** The fence of one local cloud of {@code deployment}, or null where it cannot be raised (not root, no iptables). */
    static LocalNodeFence forCloud(String deployment, String cloud, Set<Integer> fencedPorts) {
        if (!NodeUsers.isolationAvailable() || !Iptables.available()) {
            return null;
        }
        return new LocalNodeFence(deployment, cloud, fencedPorts);
    }

    /** The group every node user of this deployment has as its primary group (the rules match it). */
    String group() {
        return group;
    }

    /** Raises (or re-raises, after a restart or for another director port) the fence before a node starts. */
    synchronized void raiseFor(int directorPort) {
        if (directorPorts.contains(directorPort) && Iptables.present("OUTPUT", jump())) {
            return;
        }
        directorPorts.add(directorPort);
        if (SystemCommand.run(List.of("getent", "group", group)).exit() != 0) {
            SystemCommand.Result added = SystemCommand.run(List.of("/usr/sbin/groupadd", "--system", group));
            if (added.exit() != 0) {
                throw new CloudException(CloudException.Reason.UNREACHABLE, null, "could not make the node group " + group + ": "
                        + added.output());
            }
        }
        Iptables.fill(chain, rules(), PURPOSE);
        Iptables.ensure("OUTPUT", jump(), PURPOSE);
        log.info("local nodes of group {} reach this host only on ports {} and {}+ (fenced {})", group, directorPorts,
                NODE_PORTS_FROM, fencedPorts);
    }

    /** Takes the fence and its group down once no node of the cloud is left; the next node raises it again. */
    synchronized void lower() {
        Iptables.remove("OUTPUT", jump());
        Iptables.drop(chain);
        SystemCommand.run(List.of("/usr/sbin/groupdel", group));
        directorPorts.clear();
    }

    private List<List<String>> rules() {
        List<String> rules = new ArrayList<>();
        rules.add("-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN");
        for (int port : directorPorts) {
            rules.add("-p tcp --dport " + port + " -j RETURN");
        }
        if (!fencedPorts.isEmpty()) {
            String ports = fencedPorts.stream().map(String::valueOf).collect(Collectors.joining(","));
            rules.add("-p tcp -m multiport --dports " + ports + " -j REJECT --reject-with tcp-reset");
            rules.add("-p udp -m multiport --dports " + ports + " -j REJECT");
        }
        rules.add("-p tcp --dport " + NODE_PORTS_FROM + ":65535 -j RETURN");
        rules.add("-p udp --dport " + NODE_PORTS_FROM + ":65535 -j RETURN");
        rules.add("-p tcp -j REJECT --reject-with tcp-reset");
        rules.add("-j REJECT");
        return rules.stream().map(rule -> List.of(rule.split(" "))).toList();
    }

    private List<String> jump() {
        return List.of("-m", "owner", "--gid-owner", group, "-m", "addrtype", "--dst-type", "LOCAL", "-j", chain);
    }

    /** A short name for one local cloud of a deployment, used in the names of what is made for it on the host. */
    static String tagOf(String deployment, String cloud) {
        return hash(deployment + "/" + cloud);
    }

    private static String hash(String deployment) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(deployment.getBytes(StandardCharsets.UTF_8)), 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.conpaas.app.service.api.AddressedNode;
import org.conpaas.app.service.api.CodeUploaded;
import org.conpaas.app.service.api.NodeFailed;
import org.conpaas.app.service.api.NodeRan;
import org.conpaas.app.service.api.NodeTerminated;
import org.conpaas.app.service.api.NodesAddressed;
import org.conpaas.app.service.api.NodesPlanned;
import org.conpaas.app.service.api.NodesReleased;
import org.conpaas.app.service.api.PlannedNode;
import org.conpaas.app.service.api.ServiceAdded;
import org.conpaas.app.service.api.ServiceRemoved;
import org.conpaas.app.service.api.ServiceRenamed;
import org.conpaas.app.service.api.ServiceStateChanged;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.vpn.network.VpnPlan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The events of one app-service service's life, in the order its aggregate applies them: added
 * (an application has a web, a php and a generic service), its code uploaded, started on a
 * manager and two agents that get VPN addresses (all in one answer) and run. Then, by its number:
 * every 7th is renamed, every 2nd grows by an agent, every 5th loses an agent (no heartbeat) and
 * gets a replacement, every 3rd gets a second code version; the odd ones are stopped (every node
 * released, then terminated) and every 10th removed.
 */
final class ServiceLife {

    private static final String[] TYPES = {"web", "php", "generic"};
    /** vpn-service's default plan: 172.16.0.0/12 with 5 service bits, a /17 per service. */
    private static final VpnPlan NETWORK = new VpnPlan("172.16.0.0", 12, 5);

    /** A node of the service: {@code number} names it (NumberedIds), {@code offset} is its address in the subnet. */
    private record Node(long number, NodeId id, String role, int offset) {
    }

    private final long number;
    private final ServiceId id;
    private final ApplicationId application;
    private final UserId owner;
    private final String type;
    private final String cloud;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private String state = "INIT";
    private int planned;

    private ServiceLife(long number) {
        this.number = number;
        id = NumberedIds.service(number);
        application = NumberedIds.application(number / 3);
        owner = NumberedIds.ownerOf(number / 3);
        type = TYPES[(int) (number % 3)];
        cloud = number % 4 == 0 ? "ec2-eu" : null;
        events.add(new ServiceAdded(id, application, owner, type, type, cloud));
    }

    static List<DomainEventMessage<?>> of(int number) {
        ServiceLife life = new ServiceLife(number);
        life.codeUploaded(1);
        life.started(3);
        if (number % 7 == 0) {
            life.renamed(life.type + "-live");
        }
        if (number % 2 == 0) {
            life.grown();
        }
        if (number % 5 == 0) {
            life.agentReplaced("no heartbeat for PT1M");
        }
        if (number % 3 == 0) {
            life.codeUploaded(2);
        }
        if (number % 2 == 1) {
            life.stopped("stopped by user" + number / 3 % NumberedIds.USERS);
            if (number % 10 == 1) {
                life.removed();
            }
        }
        return AggregateHistory.of("Service", life.id.value(), life.events);
    }

    private void started(int count) {
        moveTo("PROLOGUE", "start with " + count + " node(s) requested");
        join(plan(count));
        moveTo("RUNNING", nodes.size() + " node(s) running");
    }

    private void grown() {
        moveTo("ADAPTING", "1 node(s) to add");
        join(plan(1));
        moveTo("RUNNING", nodes.size() + " node(s) running");
    }

    /** The first agent fails; the service plans its replacement, which gets the address vpn-service freed. */
    private void agentReplaced(String reason) {
        Node failed = nodes.stream().filter(n -> n.role().equals("agent")).findFirst().orElseThrow();
        events.add(new NodeFailed(id, failed.id(), reason));
        nodes.remove(failed);
        moveTo("ADAPTING", "replacing failed node " + failed.id() + ": " + reason);
        List<Node> replacement = plan(1);
        events.add(new NodesPlanned(id, application, replacement.stream().map(n -> new PlannedNode(n.id(), n.role())).toList()));
        events.add(new NodesAddressed(id, application, owner, type, cloud,
                replacement.stream().map(n -> new AddressedNode(n.id(), n.role(), vpnAddress(n))).toList()));
        events.add(new NodeTerminated(id, failed.id()));
        ran(replacement);
        moveTo("RUNNING", nodes.size() + " node(s) running");
    }

    private void stopped(String reason) {
        moveTo("EPILOGUE", reason);
        events.add(new NodesReleased(id, application, nodes.stream().map(Node::id).toList(), reason));
        nodes.forEach(n -> events.add(new NodeTerminated(id, n.id())));
        nodes.clear();
        moveTo("STOPPED", "every node released");
    }

    private void renamed(String name) {
        events.add(new ServiceRenamed(id, application, name));
    }

    private void removed() {
        events.add(new ServiceRemoved(id, application));
    }

    private void codeUploaded(int version) {
        byte[] archive = ("code of " + id + " version " + version).getBytes(StandardCharsets.UTF_8);
        events.add(new CodeUploaded(id, application, version, sha256(archive), 40_000 + number * 7919 % 4_000_000));
    }

    /** New nodes as the aggregate plans them: a manager first when it has none, agents otherwise. */
    private List<Node> plan(int count) {
        List<Node> out = new ArrayList<>();
        boolean needsManager = nodes.stream().noneMatch(n -> n.role().equals("manager"));
        for (int i = 0; i < count; i++) {
            long node = 8 * number + planned++;
            out.add(new Node(node, NumberedIds.node(node), needsManager && i == 0 ? "manager" : "agent", freeOffset(out)));
        }
        return out;
    }

    /** Planned, addressed in one answer from vpn-service, then running one by one. */
    private void join(List<Node> joining) {
        events.add(new NodesPlanned(id, application, joining.stream().map(n -> new PlannedNode(n.id(), n.role())).toList()));
        events.add(new NodesAddressed(id, application, owner, type, cloud,
                joining.stream().map(n -> new AddressedNode(n.id(), n.role(), vpnAddress(n))).toList()));
        ran(joining);
    }

    private void ran(List<Node> running) {
        for (Node n : running) {
            events.add(new NodeRan(id, n.id(), cloud == null ? "opennebula" : cloud, cloudAddress(n)));
            nodes.add(n);
        }
    }

    private void moveTo(String to, String reason) {
        events.add(new ServiceStateChanged(id, application, state, to, reason));
        state = to;
    }

    /** The lowest address offset in the service's subnet that no node holds, as vpn-service hands them out. */
    private int freeOffset(List<Node> alsoTaken) {
        int offset = 1;
        while (hasOffset(nodes, offset) || hasOffset(alsoTaken, offset)) {
            offset++;
        }
        return offset;
    }

    private static boolean hasOffset(List<Node> nodes, int offset) {
        return nodes.stream().anyMatch(n -> n.offset() == offset);
    }

    private String vpnAddress(Node node) {
        return NETWORK.address((int) (number % 3), node.offset());
    }

    private String cloudAddress(Node node) {
        long n = node.number();
        return cloud == null ? "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255) : "203.0.113." + (n % 254 + 1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

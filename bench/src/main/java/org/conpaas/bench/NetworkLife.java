package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.vpn.network.VpnPlan;
import org.conpaas.vpn.network.api.AddressAssigned;
import org.conpaas.vpn.network.api.AddressReleased;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.NetworkReleased;
import org.conpaas.vpn.network.api.NodeKeyRegistered;
import org.conpaas.vpn.network.api.SubnetAllocated;
import org.conpaas.vpn.network.api.SubnetReleased;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one application's network in vpn-service, as its VpnNetwork aggregate applies
 * them with vpn-service's default plan (172.16.0.0/12, 5 service bits: a /17 per service):
 * allocated; a web service gets a subnet and addresses for three nodes, a database service for
 * two, each node then registering its WireGuard key. By its number: every 2nd web service grows
 * by a node, every 3rd database service is stopped (its addresses released), and every 5th
 * application is deleted (its services stopped and removed, then the network released).
 */
final class NetworkLife {

    private static final VpnPlan PLAN = new VpnPlan("172.16.0.0", 12, 5);

    /** Where a node's address is: its service and the offset in that service's subnet. */
    private record Slot(ServiceId service, int offset) {
    }

    private final long number;
    private final ApplicationId application;
    private final Map<ServiceId, Integer> subnets = new LinkedHashMap<>();
    private final Map<NodeId, Slot> addresses = new LinkedHashMap<>();
    private final List<Object> events = new ArrayList<>();

    private NetworkLife(long number) {
        this.number = number;
        application = NumberedIds.application(number);
        events.add(new NetworkAllocated(application, NumberedIds.ownerOf(number), PLAN.baseNetwork(), PLAN.cidr(), PLAN.serviceBits()));
    }

    static List<DomainEventMessage<?>> of(int number) {
        NetworkLife life = new NetworkLife(number);
        ServiceId web = life.started(0, 3);
        ServiceId database = life.started(1, 2);
        if (number % 2 == 0) {
            life.joined(web, 3);
        }
        if (number % 3 == 0) {
            life.stopped(database);
        }
        if (number % 5 == 0) {
            life.stopped(web);
            life.stopped(database);
            life.removed(web);
            life.removed(database);
            life.released();
        }
        return AggregateHistory.of("VpnNetwork", life.application.value(), life.events);
    }

    /** The {@code service}-th service of the application asks addresses for {@code nodes} nodes: subnet and all addresses at once. */
    private ServiceId started(int service, int nodes) {
        ServiceId id = NumberedIds.service(3 * number + service);
        int index = subnets.size();
        subnets.put(id, index);
        events.add(new SubnetAllocated(application, id, index, PLAN.subnet(index)));
        List<NodeId> assigned = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            assigned.add(assign(id, node));
        }
        assigned.forEach(this::keyRegistered);
        return id;
    }

    /** A node numbered {@code node} within its service joins it: an address, then its key. */
    private void joined(ServiceId service, int node) {
        keyRegistered(assign(service, node));
    }

    private NodeId assign(ServiceId service, int node) {
        NodeId id = NumberedIds.node(8 * (3 * number + subnets.get(service)) + node);
        int offset = 1;
        while (addresses.containsValue(new Slot(service, offset))) {
            offset++;
        }
        addresses.put(id, new Slot(service, offset));
        events.add(new AddressAssigned(application, service, id, offset, PLAN.address(subnets.get(service), offset)));
        return id;
    }

    private void keyRegistered(NodeId node) {
        Slot slot = addresses.get(node);
        // the agent's public key (32 bytes); a public endpoint only for nodes other nodes cannot reach otherwise
        String key = Base64.getEncoder().encodeToString(sha256(node.value()));
        String endpoint = slot.offset() % 2 == 1 ? "198.51.100." + (number % 250 + 1) + ":" + (51820 + slot.offset()) : null;
        events.add(new NodeKeyRegistered(application, slot.service(), node, key, endpoint));
    }

    /** Every node of the service terminated: vpn-service releases their addresses. */
    private void stopped(ServiceId service) {
        List<NodeId> gone = addresses.entrySet().stream().filter(e -> e.getValue().service().equals(service)).map(Map.Entry::getKey).toList();
        for (NodeId node : gone) {
            events.add(new AddressReleased(application, service, node, PLAN.address(subnets.get(service), addresses.remove(node).offset())));
        }
    }

    private void removed(ServiceId service) {
        events.add(new SubnetReleased(application, service, PLAN.subnet(subnets.remove(service))));
    }

    private void released() {
        events.add(new NetworkReleased(application));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.conpaas.vpn.network;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which service subnets and node addresses of one application's network are in use. Always
 * hands out the lowest free one, so released subnets and addresses are reused.
 */
class AddressBook {

    /** A node's place: its service's subnet index and its offset inside it. */
    record Slot(ServiceId serviceId, int offset) {
    }

    private final Map<ServiceId, Integer> subnetOfService = new HashMap<>();
    private final TreeMap<Integer, TreeSet<Integer>> usedOffsetsBySubnet = new TreeMap<>();
    private final Map<NodeId, Slot> slotOfNode = new HashMap<>();

    Optional<Integer> subnetOf(ServiceId service) {
        return Optional.ofNullable(subnetOfService.get(service));
    }

    Optional<Slot> slotOf(NodeId node) {
        return Optional.ofNullable(slotOfNode.get(node));
    }

    /** The lowest free subnet index, or empty when all {@code capacity} are taken. */
    Optional<Integer> freeSubnet(long capacity) {
        int index = 0;
        for (int used : usedOffsetsBySubnet.keySet()) {
            if (used != index) {
                break;
            }
            index++;
        }
        return index < capacity ? Optional.of(index) : Optional.empty();
    }

    /** The lowest free offset (from 1: the subnet's first address is reserved) of a service's subnet. */
    Optional<Integer> freeOffset(ServiceId service, long capacity) {
        int offset = 1;
        for (int used : usedOffsetsBySubnet.get(subnetOfService.get(service))) {
            if (used != offset) {
                break;
            }
            offset++;
        }
        return offset <= capacity ? Optional.of(offset) : Optional.empty();
    }

    Iterable<NodeId> nodesOf(ServiceId service) {
        return slotOfNode.entrySet().stream().filter(e -> e.getValue().serviceId().equals(service))
                .map(Map.Entry::getKey).toList();
    }

    void subnetTaken(ServiceId service, int index) {
        subnetOfService.put(service, index);
        usedOffsetsBySubnet.put(index, new TreeSet<>());
    }

    void subnetFreed(ServiceId service) {
        Integer index = subnetOfService.remove(service);
        usedOffsetsBySubnet.remove(index);
        slotOfNode.values().removeIf(slot -> slot.serviceId().equals(service));
    }

    void addressTaken(ServiceId service, NodeId node, int offset) {
        usedOffsetsBySubnet.get(subnetOfService.get(service)).add(offset);
        slotOfNode.put(node, new Slot(service, offset));
    }

    void addressFreed(NodeId node) {
        Slot slot = slotOfNode.remove(node);
        usedOffsetsBySubnet.get(subnetOfService.get(slot.serviceId())).remove(slot.offset());
    }
}

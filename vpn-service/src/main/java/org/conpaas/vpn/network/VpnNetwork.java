package org.conpaas.vpn.network;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;
import org.conpaas.vpn.network.api.AddressAssigned;
import org.conpaas.vpn.network.api.AddressReleased;
import org.conpaas.vpn.network.api.AllocateNetworkCommand;
import org.conpaas.vpn.network.api.AllocateSubnetCommand;
import org.conpaas.vpn.network.api.AssignAddressCommand;
import org.conpaas.vpn.network.api.AssignAddressesCommand;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.NetworkReleased;
import org.conpaas.vpn.network.api.NodeKeyRegistered;
import org.conpaas.vpn.network.api.RegisterNodeKeyCommand;
import org.conpaas.vpn.network.api.ReleaseAddressCommand;
import org.conpaas.vpn.network.api.ReleaseNetworkCommand;
import org.conpaas.vpn.network.api.ReleaseSubnetCommand;
import org.conpaas.vpn.network.api.SubnetAllocated;
import org.conpaas.vpn.network.api.SubnetReleased;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * An application's network: a subnet per service and an address per node, by the ConPaaS rules
 * of {@link VpnPlan}. Its identity is the application's, so one application never gets two
 * networks, and all allocation in it is serialised by the aggregate: never a duplicate address.
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER, cache = "vpnNetworkCache")
public class VpnNetwork {

    @AggregateIdentifier
    private ApplicationId applicationId;
    private VpnPlan plan;
    private AddressBook book;

    protected VpnNetwork() {
        // for Axon
    }

    @CommandHandler
    public VpnNetwork(AllocateNetworkCommand command) {
        VpnPlan p = command.plan();
        apply(new NetworkAllocated(command.applicationId(), command.ownerId(), p.baseNetwork(), p.cidr(), p.serviceBits()));
    }

    @CommandHandler
    public String handle(AllocateSubnetCommand command) {
        if (book.subnetOf(command.serviceId()).isPresent()) {
            return plan.subnet(book.subnetOf(command.serviceId()).get());
        }
        int index = book.freeSubnet(plan.servicesPerApplication()).orElseThrow(() -> new NetworkExhaustedException(
                "application " + applicationId + " has all " + plan.servicesPerApplication()
                        + " service subnets in use (VPN service bits: " + plan.serviceBits() + ")"));
        apply(new SubnetAllocated(applicationId, command.serviceId(), index, plan.subnet(index)));
        return plan.subnet(index);
    }

    @CommandHandler
    public String handle(AssignAddressCommand command) {
        int index = book.subnetOf(command.serviceId()).orElseThrow(() -> new IllegalStateException(
                "service " + command.serviceId() + " has no subnet in application " + applicationId));
        var existing = book.slotOf(command.nodeId());
        if (existing.isPresent()) {
            return plan.address(index, existing.get().offset());
        }
        int offset = book.freeOffset(command.serviceId(), plan.agentsPerService()).orElseThrow(() ->
                new NetworkExhaustedException("service " + command.serviceId() + " has all " + plan.agentsPerService()
                        + " node addresses of " + plan.subnet(index) + " in use"));
        String address = plan.address(index, offset);
        apply(new AddressAssigned(applicationId, command.serviceId(), command.nodeId(), offset, address));
        return address;
    }

    /** The subnet (CIDR) and each node's address; throws NetworkExhaustedException, applying nothing, when they do not all fit. */
    @CommandHandler
    public Assignment handle(AssignAddressesCommand command) {
        String subnet = handle(new AllocateSubnetCommand(applicationId, command.serviceId()));
        java.util.Map<NodeId, String> addresses = new java.util.LinkedHashMap<>();
        for (NodeId node : command.nodeIds()) {
            addresses.put(node, handle(new AssignAddressCommand(applicationId, command.serviceId(), node)));
        }
        return new Assignment(subnet, addresses);
    }

    /** What AssignAddressesCommand answers. */
    public record Assignment(String subnet, java.util.Map<NodeId, String> addresses) {
    }

    @CommandHandler
    public void handle(ReleaseAddressCommand command) {
        book.slotOf(command.nodeId()).ifPresent(slot -> apply(new AddressReleased(applicationId, slot.serviceId(),
                command.nodeId(), plan.address(book.subnetOf(slot.serviceId()).orElseThrow(), slot.offset()))));
    }

    @CommandHandler
    public void handle(ReleaseSubnetCommand command) {
        book.subnetOf(command.serviceId()).ifPresent(index -> {
            for (NodeId node : book.nodesOf(command.serviceId())) {
                handle(new ReleaseAddressCommand(applicationId, node));
            }
            apply(new SubnetReleased(applicationId, command.serviceId(), plan.subnet(index)));
        });
    }

    @CommandHandler
    public void handle(RegisterNodeKeyCommand command) {
        AddressBook.Slot slot = book.slotOf(command.nodeId()).orElseThrow(() -> new IllegalStateException(
                "node " + command.nodeId() + " has no address in application " + applicationId));
        apply(new NodeKeyRegistered(applicationId, slot.serviceId(), command.nodeId(), command.publicKey().value(),
                Endpoint.check(command.endpoint())));
    }

    @CommandHandler
    public void handle(ReleaseNetworkCommand command) {
        apply(new NetworkReleased(applicationId));
    }

    @EventSourcingHandler
    void on(NetworkAllocated event) {
        applicationId = event.applicationId();
        plan = new VpnPlan(event.baseNetwork(), event.cidr(), event.serviceBits());
        book = new AddressBook();
    }

    @EventSourcingHandler
    void on(SubnetAllocated event) {
        book.subnetTaken(event.serviceId(), event.index());
    }

    @EventSourcingHandler
    void on(AddressAssigned event) {
        book.addressTaken(event.serviceId(), event.nodeId(), event.offset());
    }

    @EventSourcingHandler
    void on(AddressReleased event) {
        book.addressFreed(event.nodeId());
    }

    @EventSourcingHandler
    void on(SubnetReleased event) {
        book.subnetFreed(event.serviceId());
    }

    @EventSourcingHandler
    void on(NetworkReleased event) {
        markDeleted();
    }
}

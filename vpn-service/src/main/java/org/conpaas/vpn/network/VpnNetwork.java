package org.conpaas.vpn.network;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;
import org.conpaas.vpn.network.api.AllocateNetworkCommand;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.NetworkReleased;
import org.conpaas.vpn.network.api.ReleaseNetworkCommand;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * An application's network. Its identity is the application's, so one application can never get
 * two networks. Subnet and address allocation grow here (issue "VPN addressing").
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER)
public class VpnNetwork {

    @AggregateIdentifier
    private ApplicationId applicationId;

    protected VpnNetwork() {
        // for Axon
    }

    @CommandHandler
    public VpnNetwork(AllocateNetworkCommand command) {
        VpnPlan plan = command.plan();
        apply(new NetworkAllocated(command.applicationId(), command.ownerId(), plan.baseNetwork(), plan.cidr(),
                plan.serviceBits()));
    }

    @CommandHandler
    public void handle(ReleaseNetworkCommand command) {
        apply(new NetworkReleased(applicationId));
    }

    @EventSourcingHandler
    void on(NetworkAllocated event) {
        applicationId = event.applicationId();
    }

    @EventSourcingHandler
    void on(NetworkReleased event) {
        markDeleted();
    }
}

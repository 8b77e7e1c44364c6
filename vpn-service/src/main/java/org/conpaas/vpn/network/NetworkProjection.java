package org.conpaas.vpn.network;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.conpaas.vpn.network.api.AddressAssigned;
import org.conpaas.vpn.network.api.AddressReleased;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.NetworkReleased;
import org.conpaas.vpn.network.api.NodeKeyRegistered;
import org.conpaas.vpn.network.api.SubnetAllocated;
import org.conpaas.vpn.network.api.SubnetReleased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps {@code vpn_network} in step with the events, in the command's transaction. */
@Component
@ProcessingGroup("network-projection")
class NetworkProjection {

    private final JdbcTemplate jdbc;

    NetworkProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NetworkAllocated event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO vpn_network (application_id, owner_id, base_network, cidr, service_bits, allocated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                event.applicationId().value(), event.ownerId().value(), event.baseNetwork(), event.cidr(),
                event.serviceBits(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(SubnetAllocated event) {
        jdbc.update("INSERT INTO vpn_subnet (application_id, service_id, subnet_index, subnet) VALUES (?, ?, ?, ?)",
                event.applicationId().value(), event.serviceId().value(), event.index(), event.subnet());
    }

    @EventHandler
    void on(SubnetReleased event) {
        jdbc.update("DELETE FROM vpn_subnet WHERE application_id = ? AND service_id = ?",
                event.applicationId().value(), event.serviceId().value());
    }

    @EventHandler
    void on(AddressAssigned event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO vpn_address (application_id, service_id, node_id, address, assigned_at) VALUES (?, ?, ?, ?, ?)",
                event.applicationId().value(), event.serviceId().value(), event.nodeId().value(), event.address(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(NodeKeyRegistered event) {
        jdbc.update("UPDATE vpn_address SET public_key = ?, endpoint = ? WHERE application_id = ? AND node_id = ?",
                event.publicKey(), event.endpoint(), event.applicationId().value(), event.nodeId().value());
    }

    @EventHandler
    void on(AddressReleased event) {
        jdbc.update("DELETE FROM vpn_address WHERE application_id = ? AND node_id = ?",
                event.applicationId().value(), event.nodeId().value());
    }

    @EventHandler
    void on(NetworkReleased event) {
        jdbc.update("DELETE FROM vpn_network WHERE application_id = ?", event.applicationId().value());
    }
}

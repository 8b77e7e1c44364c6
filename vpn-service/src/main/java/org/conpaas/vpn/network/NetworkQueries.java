package org.conpaas.vpn.network;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code vpn_network}. */
@Component
class NetworkQueries {

    record OwnedNetwork(String ownerId, NetworkView view) {
    }

    private final JdbcTemplate jdbc;
    private final List<String> bootstrapNodes;

    NetworkQueries(JdbcTemplate jdbc, VpnProperties vpn) {
        this.jdbc = jdbc;
        this.bootstrapNodes = vpn.bootstrapNodes();
    }

    Optional<OwnedNetwork> find(String applicationId) {
        return jdbc.query("SELECT * FROM vpn_network WHERE application_id = ?", (rs, n) -> {
            VpnPlan plan = new VpnPlan(rs.getString("base_network"), rs.getInt("cidr"), rs.getInt("service_bits"));
            return new OwnedNetwork(rs.getString("owner_id"), new NetworkView(rs.getString("application_id"),
                    plan.network(), plan.servicePrefix(), plan.servicesPerApplication(), plan.agentsPerService(),
                    rs.getTimestamp("allocated_at").toInstant(), bootstrapNodes, subnets(applicationId)));
        }, applicationId).stream().findFirst();
    }

    /** The wg-quick configuration of a node, if it has an address in that service. */
    Optional<WireGuardConfig> wireGuardConfig(String applicationId, String serviceId, String nodeId, int listenPort) {
        record Row(String serviceId, String nodeId, String address, String publicKey, String endpoint, int prefix) {
        }
        // every node of the application is a peer (services of one application reach each other);
        // the address carries the application network's prefix, so all of it routes through the interface
        List<Row> rows = jdbc.query("""
                SELECT a.service_id, a.node_id, a.address, a.public_key, a.endpoint, n.cidr AS prefix
                FROM vpn_address a JOIN vpn_network n ON n.application_id = a.application_id
                WHERE a.application_id = ? ORDER BY a.address""",
                (rs, i) -> new Row(rs.getString("service_id"), rs.getString("node_id"), rs.getString("address"),
                        rs.getString("public_key"), rs.getString("endpoint"), rs.getInt("prefix")), applicationId);
        return rows.stream().filter(r -> r.nodeId().equals(nodeId) && r.serviceId().equals(serviceId)).findFirst()
                .map(self -> new WireGuardConfig(self.address(), self.prefix(), listenPort, rows.stream()
                        .filter(r -> !r.nodeId().equals(nodeId) && r.publicKey() != null)
                        .map(r -> new WireGuardConfig.Peer(r.nodeId(), r.publicKey(), r.address(), r.endpoint()))
                        .toList(), bootstrapNodes));
    }

    private List<NetworkView.SubnetView> subnets(String applicationId) {
        Map<String, List<NetworkView.AddressView>> nodes = new HashMap<>();
        jdbc.query("SELECT service_id, node_id, address FROM vpn_address WHERE application_id = ? ORDER BY assigned_at, node_id",
                rs -> {
                    nodes.computeIfAbsent(rs.getString("service_id"), s -> new ArrayList<>())
                            .add(new NetworkView.AddressView(rs.getString("node_id"), rs.getString("address")));
                }, applicationId);
        return jdbc.query("SELECT service_id, subnet FROM vpn_subnet WHERE application_id = ? ORDER BY subnet_index",
                (rs, n) -> new NetworkView.SubnetView(rs.getString("service_id"), rs.getString("subnet"),
                        nodes.getOrDefault(rs.getString("service_id"), List.of())), applicationId);
    }
}

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

    NetworkQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OwnedNetwork> find(String applicationId) {
        return jdbc.query("SELECT * FROM vpn_network WHERE application_id = ?", (rs, n) -> {
            VpnPlan plan = new VpnPlan(rs.getString("base_network"), rs.getInt("cidr"), rs.getInt("service_bits"));
            return new OwnedNetwork(rs.getString("owner_id"), new NetworkView(rs.getString("application_id"),
                    plan.network(), plan.servicePrefix(), plan.servicesPerApplication(), plan.agentsPerService(),
                    rs.getTimestamp("allocated_at").toInstant(), subnets(applicationId)));
        }, applicationId).stream().findFirst();
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

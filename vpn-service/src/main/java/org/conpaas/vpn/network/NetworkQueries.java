package org.conpaas.vpn.network;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
                    rs.getTimestamp("allocated_at").toInstant()));
        }, applicationId).stream().findFirst();
    }
}

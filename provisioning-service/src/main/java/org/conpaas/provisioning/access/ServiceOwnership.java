package org.conpaas.provisioning.access;

import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Whether a caller may see and act on what provisioning keeps of a service (its logs, its
 * database): the owner of the service's nodes or an administrator. provisioning knows a service
 * only through its nodes, so a service that never had one is unknown here.
 */
@Component
public class ServiceOwnership {

    private final JdbcTemplate jdbc;

    ServiceOwnership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What provisioning knows of a service: its owner and type. */
    public record OwnedService(String ownerId, String type) {
    }

    /** The service; 404 with {@code what} ("no logs of service S") when the caller may not see it. */
    public OwnedService check(String app, String svc, CurrentUser caller, String what) {
        List<Owner> owners = jdbc.query("SELECT DISTINCT owner_id, service_type FROM node WHERE service_id = ? AND application_id = ?",
                (rs, n) -> new Owner(rs.getString(1), rs.getString(2)), svc, app);
        if (owners.isEmpty() || !caller.isAdmin() && owners.stream().noneMatch(o -> caller.mayActFor(UserId.of(o.id())))) {
            throw ApiException.notFound(what + " " + (svc.length() > 40 ? svc.substring(0, 40) + "…" : svc)
                    + ": it is not yours or none of its nodes has started yet");
        }
        return new OwnedService(owners.get(0).id(), owners.get(0).serviceType());
    }

    private record Owner(String id, String serviceType) {
    }
}

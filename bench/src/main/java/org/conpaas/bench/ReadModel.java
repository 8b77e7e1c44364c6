package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.conpaas.app.application.api.ApplicationCreated;
import org.conpaas.app.application.api.ApplicationRenamed;
import org.conpaas.app.service.api.ServiceAdded;
import org.conpaas.app.service.api.ServiceRemoved;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.cert.certificate.RevocationList;
import org.conpaas.cert.certificate.api.CertificateIssued;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.Role;
import org.conpaas.identity.user.api.CreditAdjusted;
import org.conpaas.identity.user.api.PasswordChanged;
import org.conpaas.identity.user.api.UserRegistered;
import org.conpaas.provisioning.node.api.NodeRequested;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.NetworkReleased;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A service's read model as the service builds it: its projection class (made as its Spring
 * context makes it, with the same collaborators), the Flyway migrations that create its tables,
 * the tables the projection writes, and a history of domain events — the payload records the
 * aggregate applies — to rebuild it from.
 *
 * @param projection   the projection, given the database its SQL goes to
 * @param tables       every table the projection writes, the main one first; all are emptied before a rebuild
 * @param rowChanges   the events that add (+1) or remove (-1) a row of the main table
 * @param history      the events of the i-th aggregate, in order
 */
record ReadModel(String service, Function<JdbcTemplate, Object> projection, List<String> migrations, List<Table> tables,
                 Map<Class<?>, Integer> rowChanges, IntFunction<List<DomainEventMessage<?>>> history) {

    /** A table of the read model and what one of its rows is, e.g. {@code service_node}: "nodes". */
    record Table(String name, String rows) {
    }

    /** The main table. */
    String table() {
        return tables.get(0).name();
    }

    /** app-service's applications: each created and renamed, every other one renamed again (2.5 events each). */
    static ReadModel applications() {
        return new ReadModel("app-service", jdbc -> ServiceBeans.construct("org.conpaas.app.application.ApplicationProjection", jdbc),
                List.of("db/migration/V1__applications.sql"), List.of(new Table("application", "applications")),
                Map.of(ApplicationCreated.class, 1), i -> {
            ApplicationId id = NumberedIds.application(i);
            UserId owner = UserId.of("owner-" + (i % 1000));
            List<Object> events = new ArrayList<>(List.of(
                    new ApplicationCreated(id, owner, "app-" + i),
                    new ApplicationRenamed(id, owner, "app-" + i, "shop-" + i)));
            if (i % 2 == 0) {
                events.add(new ApplicationRenamed(id, owner, "shop-" + i, "store-" + i));
            }
            return AggregateHistory.of("Application", id.value(), events);
        });
    }

    /** app-service's services, their nodes and state history: {@link ServiceLife} (~16.5 events each). */
    static ReadModel services() {
        return new ReadModel("app-service", jdbc -> ServiceBeans.construct("org.conpaas.app.service.ServiceProjection", jdbc),
                List.of("db/migration/V2__services.sql"),
                List.of(new Table("service", "services"), new Table("service_node", "nodes"), new Table("service_history", "state changes")),
                Map.of(ServiceAdded.class, 1, ServiceRemoved.class, -1), ServiceLife::of);
    }

    /** identity-service's users: each registered, credited three times and given a new password (5 events each; no event carries a hash). */
    static ReadModel users() {
        return new ReadModel("identity-service", jdbc -> ServiceBeans.construct("org.conpaas.identity.user.UserProjection", jdbc),
                List.of("db/migration/V1__users.sql", "db/migration/V2__external_identity.sql", "db/migration/V3__single_sign_on.sql",
                        "db/bench/identity-users-without-hash.sql"),
                List.of(new Table("users", "users")), Map.of(UserRegistered.class, 1), i -> {
            UserId user = NumberedIds.user(i);
            return AggregateHistory.of("User", user.value(), List.of(
                    new UserRegistered(user, "user" + i, "user" + i + "@example.org", "VU Amsterdam", Role.USER, 50, 1000, null),
                    new CreditAdjusted(user, 25, 75, "grant"),
                    new CreditAdjusted(user, -5, 70, "node hours"),
                    new CreditAdjusted(user, -5, 65, "node hours"),
                    new PasswordChanged(user)));
        });
    }

    /** provisioning-service's nodes: {@link NodeLife} (~8.4 events each). */
    static ReadModel nodes() {
        return new ReadModel("provisioning-service", jdbc -> ServiceBeans.construct("org.conpaas.provisioning.node.NodeProjection", jdbc),
                List.of("db/migration/V1__nodes.sql"), List.of(new Table("node", "nodes")), Map.of(NodeRequested.class, 1),
                NodeLife::of);
    }

    /**
     * cert-service's certificates and CRL: {@link CertificateLife} (1.1 events each). The projection gets
     * cert-service's own RevocationList on a real CA (EC P-256, cert-service's defaults, in a new directory),
     * which signs a CRL of every revoked certificate before each transaction with revocations commits.
     */
    static ReadModel certificates() throws IOException {
        CaProperties properties = CaProperties.defaults(Files.createTempDirectory("conpaas-bench-ca"));
        CertificateAuthority authority = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());
        return new ReadModel("cert-service", jdbc -> ServiceBeans.construct("org.conpaas.cert.certificate.CertificateProjection", jdbc,
                ServiceBeans.construct(RevocationList.class.getName(), authority, properties, jdbc, Clock.systemUTC())),
                List.of("db/migration/V1__certificates.sql"),
                List.of(new Table("certificate", "certificates"), new Table("crl", "CRL kept")),
                Map.of(CertificateIssued.class, 1), CertificateLife.signedBy(authority, properties)::of);
    }

    /** vpn-service's networks, subnets and addresses: {@link NetworkLife} (~16 events each). */
    static ReadModel networks() {
        return new ReadModel("vpn-service", jdbc -> ServiceBeans.construct("org.conpaas.vpn.network.NetworkProjection", jdbc),
                List.of("db/migration/V1__networks.sql", "db/migration/V2__subnets_and_addresses.sql", "db/migration/V3__wireguard_keys.sql"),
                List.of(new Table("vpn_network", "networks"), new Table("vpn_subnet", "subnets"), new Table("vpn_address", "addresses")),
                Map.of(NetworkAllocated.class, 1, NetworkReleased.class, -1), NetworkLife::of);
    }
}

package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.conpaas.app.application.api.ApplicationCreated;
import org.conpaas.app.application.api.ApplicationRenamed;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.Role;
import org.conpaas.identity.user.api.CreditAdjusted;
import org.conpaas.identity.user.api.PasswordChanged;
import org.conpaas.identity.user.api.UserRegistered;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * A service's read model as the service builds it: its projection class (constructed as Spring
 * would, with a JdbcTemplate), the Flyway migrations that create its tables, and a history of
 * domain events — the payload records the aggregate applies — to rebuild it from.
 *
 * @param history the events of the i-th aggregate, in order
 */
record ReadModel(String service, String projection, List<String> migrations, String table,
                 IntFunction<List<DomainEventMessage<?>>> history) {

    /** app-service's applications: each created and renamed, every other one renamed again (2.5 events each). */
    static ReadModel applications() {
        return new ReadModel("app-service", "org.conpaas.app.application.ApplicationProjection",
                List.of("db/migration/V1__applications.sql"), "application", i -> {
            String id = new UUID(0x5EED_0000_0000_0000L, i).toString();
            UserId owner = UserId.of("owner-" + (i % 1000));
            List<Object> events = new ArrayList<>(List.of(
                    new ApplicationCreated(ApplicationId.of(id), owner, "app-" + i),
                    new ApplicationRenamed(ApplicationId.of(id), owner, "app-" + i, "shop-" + i)));
            if (i % 2 == 0) {
                events.add(new ApplicationRenamed(ApplicationId.of(id), owner, "shop-" + i, "store-" + i));
            }
            return messages("Application", id, events);
        });
    }

    /** identity-service's users: each registered, credited three times and given a new password (5 events each). */
    static ReadModel users() {
        return new ReadModel("identity-service", "org.conpaas.identity.user.UserProjection",
                List.of("db/migration/V1__users.sql", "db/migration/V2__external_identity.sql",
                        "db/migration/V3__single_sign_on.sql"), "users", i -> {
            UserId user = UserId.of(new UUID(0x05E4_0000_0000_0000L, i).toString());
            String hash = "$2a$10$" + "x".repeat(46) + String.format("%07d", i);
            return messages("User", user.value(), List.of(
                    new UserRegistered(user, "user" + i, "user" + i + "@example.org", "VU Amsterdam", hash, Role.USER, 50, 1000, null),
                    new CreditAdjusted(user, 25, 75, "grant"),
                    new CreditAdjusted(user, -5, 70, "node hours"),
                    new CreditAdjusted(user, -5, 65, "node hours"),
                    new PasswordChanged(user, hash.replace('x', 'y'))));
        });
    }

    /** The service's projection, made as its Spring context makes it (it is package-private there). */
    Object newProjection(JdbcTemplate jdbc) throws ReflectiveOperationException {
        var constructor = Class.forName(projection).getDeclaredConstructor(JdbcTemplate.class);
        constructor.setAccessible(true);
        return constructor.newInstance(jdbc);
    }

    private static List<DomainEventMessage<?>> messages(String type, String aggregate, List<Object> payloads) {
        List<DomainEventMessage<?>> out = new ArrayList<>(payloads.size());
        for (int seq = 0; seq < payloads.size(); seq++) {
            out.add(new GenericDomainEventMessage<>(type, aggregate, seq, payloads.get(seq)));
        }
        return out;
    }
}

package org.conpaas.bench;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.util.UUID;

/**
 * The n-th user, application, service and node of the benchmark's histories: UUIDs, as the
 * services make them, numbered alike in every read model's history (application a owns services
 * 3a to 3a+2; service s's nodes are 8s to 8s+7).
 */
final class NumberedIds {

    static final int USERS = 1000;

    private NumberedIds() {
    }

    static UserId user(long n) {
        return UserId.of(new UUID(0x05E4_0000_0000_0000L, n).toString());
    }

    /** The owner of application {@code a}. */
    static UserId ownerOf(long application) {
        return user(application % USERS);
    }

    static ApplicationId application(long n) {
        return ApplicationId.of(new UUID(0x5EED_0000_0000_0000L, n).toString());
    }

    static ServiceId service(long n) {
        return ServiceId.of(new UUID(0x5E41_0000_0000_0000L, n).toString());
    }

    static NodeId node(long n) {
        return NodeId.of(new UUID(0x40DE_0000_0000_0000L, n).toString());
    }
}

package org.conpaas.vpn.network;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.vpn.network.api.AllocateNetworkCommand;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.NetworkReleased;
import org.conpaas.vpn.network.api.ReleaseNetworkCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VpnNetworkTest {

    private static final ApplicationId APP = ApplicationId.of("app-1");
    private static final UserId OWNER = UserId.of("owner-1");
    private static final VpnPlan PLAN = VpnPlan.of("172.16.0.0", "255.240.0.0", 5);

    private FixtureConfiguration<VpnNetwork> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VpnNetwork.class);
    }

    @Test
    void allocatesTheApplicationsNetworkFromThePlan() {
        fixture.givenNoPriorActivity()
                .when(new AllocateNetworkCommand(APP, OWNER, PLAN))
                .expectEvents(new NetworkAllocated(APP, OWNER, "172.16.0.0", 12, 5));
    }

    @Test
    void releasesIt() {
        fixture.given(new NetworkAllocated(APP, OWNER, "172.16.0.0", 12, 5))
                .when(new ReleaseNetworkCommand(APP))
                .expectEvents(new NetworkReleased(APP))
                .expectMarkedDeleted();
    }

    @Test
    void aReleasedNetworkCannotBeReleasedAgain() {
        fixture.given(new NetworkAllocated(APP, OWNER, "172.16.0.0", 12, 5), new NetworkReleased(APP))
                .when(new ReleaseNetworkCommand(APP))
                .expectException(AggregateDeletedException.class);
    }
}

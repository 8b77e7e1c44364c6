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

    @Test
    void assignsASubnetAndAnAddressToEveryNodeAtOnce() {
        var svc = org.conpaas.contracts.id.ServiceId.of("svc-1");
        var a = org.conpaas.contracts.id.NodeId.of("a");
        var b = org.conpaas.contracts.id.NodeId.of("b");
        fixture.given(new NetworkAllocated(APP, OWNER, "172.16.0.0", 12, 5))
                .when(new org.conpaas.vpn.network.api.AssignAddressesCommand(APP, svc, java.util.List.of(a, b)))
                .expectEvents(new org.conpaas.vpn.network.api.SubnetAllocated(APP, svc, 0, PLAN.subnet(0)),
                        new org.conpaas.vpn.network.api.AddressAssigned(APP, svc, a, 1, PLAN.address(0, 1)),
                        new org.conpaas.vpn.network.api.AddressAssigned(APP, svc, b, 2, PLAN.address(0, 2)));
    }

    @Test
    void assignsNoneWhenNotAllFit() {
        VpnPlan tiny = VpnPlan.of("10.0.0.0", "255.255.255.248", 1);
        var svc = org.conpaas.contracts.id.ServiceId.of("svc-1");
        var nodes = java.util.stream.IntStream.range(0, (int) tiny.agentsPerService() + 1)
                .mapToObj(i -> org.conpaas.contracts.id.NodeId.of("n" + i)).toList();
        fixture.given(new NetworkAllocated(APP, OWNER, "10.0.0.0", 29, 1))
                .when(new org.conpaas.vpn.network.api.AssignAddressesCommand(APP, svc, nodes))
                .expectException(NetworkExhaustedException.class)
                .expectNoEvents();
    }
}

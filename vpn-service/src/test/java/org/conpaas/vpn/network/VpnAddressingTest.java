package org.conpaas.vpn.network;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.vpn.network.api.AddressAssigned;
import org.conpaas.vpn.network.api.AddressReleased;
import org.conpaas.vpn.network.api.AllocateSubnetCommand;
import org.conpaas.vpn.network.api.AssignAddressCommand;
import org.conpaas.vpn.network.api.NetworkAllocated;
import org.conpaas.vpn.network.api.ReleaseAddressCommand;
import org.conpaas.vpn.network.api.ReleaseSubnetCommand;
import org.conpaas.vpn.network.api.SubnetAllocated;
import org.conpaas.vpn.network.api.SubnetReleased;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Subnets and addresses by the ConPaaS rules, at the edges (172.16.0.0, 255.240.0.0, 5 bits). */
class VpnAddressingTest {

    private static final ApplicationId APP = ApplicationId.of("app-1");
    private static final ServiceId WEB = ServiceId.of("web");
    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NetworkAllocated NETWORK = new NetworkAllocated(APP, UserId.of("owner"), "172.16.0.0", 12, 5);
    /** 10.0.0.0/24 with 6 bits: 64 subnets of 3 addresses, to reach exhaustion quickly. */
    private static final NetworkAllocated SMALL = new NetworkAllocated(APP, UserId.of("owner"), "10.0.0.0", 24, 6);

    private FixtureConfiguration<VpnNetwork> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VpnNetwork.class);
    }

    @Test
    void theFirstServiceGetsTheFirstSubnet() {
        fixture.given(NETWORK)
                .when(new AllocateSubnetCommand(APP, WEB))
                .expectEvents(new SubnetAllocated(APP, WEB, 0, "172.16.0.0/17"))
                .expectResultMessagePayload("172.16.0.0/17");
    }

    @Test
    void theThirtySecondServiceGetsTheLastSubnetAndTheThirtyThirdIsRefused() {
        fixture.given(subnetsInUse(31))
                .when(new AllocateSubnetCommand(APP, ServiceId.of("s31")))
                .expectEvents(new SubnetAllocated(APP, ServiceId.of("s31"), 31, "172.31.128.0/17"));
        fixture.given(subnetsInUse(32))
                .when(new AllocateSubnetCommand(APP, ServiceId.of("s32")))
                .expectNoEvents()
                .expectException(NetworkExhaustedException.class)
                .expectExceptionMessage("application app-1 has all 32 service subnets in use (VPN service bits: 5)");
    }

    @Test
    void aReleasedSubnetIsReusedAndTakesItsAddressesWithIt() {
        List<Object> history = subnetsInUse(3);
        history.add(new AddressAssigned(APP, ServiceId.of("s1"), N1, 1, "172.16.128.1"));
        fixture.given(history)
                .when(new ReleaseSubnetCommand(APP, ServiceId.of("s1")))
                .expectEvents(new AddressReleased(APP, ServiceId.of("s1"), N1, "172.16.128.1"),
                        new SubnetReleased(APP, ServiceId.of("s1"), "172.16.128.0/17"));
        history.add(new AddressReleased(APP, ServiceId.of("s1"), N1, "172.16.128.1"));
        history.add(new SubnetReleased(APP, ServiceId.of("s1"), "172.16.128.0/17"));
        fixture.given(history)
                .when(new AllocateSubnetCommand(APP, WEB))
                .expectEvents(new SubnetAllocated(APP, WEB, 1, "172.16.128.0/17"));
    }

    @Test
    void nodesGetTheSecondAddressOnwardsAndKeepTheirsWhenAskedAgain() {
        fixture.given(NETWORK, new SubnetAllocated(APP, WEB, 0, "172.16.0.0/17"))
                .when(new AssignAddressCommand(APP, WEB, N1))
                .expectEvents(new AddressAssigned(APP, WEB, N1, 1, "172.16.0.1"));
        fixture.given(NETWORK, new SubnetAllocated(APP, WEB, 0, "172.16.0.0/17"),
                        new AddressAssigned(APP, WEB, N1, 1, "172.16.0.1"))
                .when(new AssignAddressCommand(APP, WEB, N1))
                .expectNoEvents()
                .expectResultMessagePayload("172.16.0.1");
    }

    @Test
    void aReleasedAddressIsReusedAndExhaustionIsRefused() {
        ServiceId svc = ServiceId.of("small");
        SubnetAllocated subnet = new SubnetAllocated(APP, svc, 0, "10.0.0.0/30");
        AddressAssigned a1 = new AddressAssigned(APP, svc, N1, 1, "10.0.0.1");
        AddressAssigned a2 = new AddressAssigned(APP, svc, N2, 2, "10.0.0.2");
        AddressAssigned a3 = new AddressAssigned(APP, svc, NodeId.of("n3"), 3, "10.0.0.3");
        fixture.given(SMALL, subnet, a1, a2, a3)
                .when(new AssignAddressCommand(APP, svc, NodeId.of("n4")))
                .expectException(NetworkExhaustedException.class)
                .expectExceptionMessage("service small has all 3 node addresses of 10.0.0.0/30 in use");
        fixture.given(SMALL, subnet, a1, a2, a3)
                .when(new ReleaseAddressCommand(APP, N1))
                .expectEvents(new AddressReleased(APP, svc, N1, "10.0.0.1"));
        fixture.given(SMALL, subnet, a1, a2, a3, new AddressReleased(APP, svc, N1, "10.0.0.1"))
                .when(new AssignAddressCommand(APP, svc, NodeId.of("n4")))
                .expectEvents(new AddressAssigned(APP, svc, NodeId.of("n4"), 1, "10.0.0.1"));
    }

    @Test
    void aServiceWithoutSubnetGetsNoAddress() {
        fixture.given(NETWORK)
                .when(new AssignAddressCommand(APP, WEB, N1))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("service web has no subnet in application app-1");
    }

    private static List<Object> subnetsInUse(int count) {
        VpnPlan plan = new VpnPlan("172.16.0.0", 12, 5);
        List<Object> events = new ArrayList<>(List.of(NETWORK));
        for (int i = 0; i < count; i++) {
            events.add(new SubnetAllocated(APP, ServiceId.of("s" + i), i, plan.subnet(i)));
        }
        return events;
    }
}

package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.provisioning.node.api.NodeBilled;
import org.conpaas.provisioning.node.api.NodeEnrolled;
import org.conpaas.provisioning.node.api.NodeFailed;
import org.conpaas.provisioning.node.api.NodeLaunched;
import org.conpaas.provisioning.node.api.NodeRequested;
import org.conpaas.provisioning.node.api.NodeRunning;
import org.conpaas.provisioning.node.api.NodeStopping;
import org.conpaas.provisioning.node.api.NodeTerminated;
import org.conpaas.vpn.network.VpnPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The events of one provisioning-service node's life, in the order its aggregate applies them:
 * requested (four to a service: a manager and three agents, on OpenNebula or, every 4th service,
 * EC2), launched by its cloud; every 10th then fails to enroll and is terminated. The others
 * enroll, run and are billed for one to six hours; every 10th of them then stops sending
 * heartbeats and fails, two in three of the rest are stopped by their owner, the rest still run.
 */
final class NodeLife {

    private static final String[] TYPES = {"web", "php", "generic"};
    private static final VpnPlan NETWORK = new VpnPlan("172.16.0.0", 12, 5);
    private static final Instant FIRST_START = Instant.parse("2026-01-05T08:00:00Z");
    private static final Duration BILLING_PERIOD = Duration.ofHours(1);

    private NodeLife() {
    }

    static List<DomainEventMessage<?>> of(int i) {
        long service = i / 4;
        NodeId node = NumberedIds.node(8 * service + i % 4);
        ServiceId serviceId = NumberedIds.service(service);
        ApplicationId application = NumberedIds.application(service / 3);
        UserId owner = NumberedIds.ownerOf(service / 3);
        String cloud = service % 4 == 0 ? "ec2-eu" : "opennebula";
        // EC2 names an instance i-0 and 16 hex digits, OpenNebula a VM by its number
        String instance = cloud.equals("ec2-eu") ? String.format("i-0%016x", i * 0x9E37_79B9_7F4A_7C15L) : String.valueOf(20_000 + i);
        List<Object> events = new ArrayList<>(List.of(
                new NodeRequested(node, serviceId, application, owner, i % 4 == 0 ? "manager" : "agent", TYPES[(int) (service % 3)],
                        cloud, NETWORK.address((int) (service % 3), i % 4 + 1)),
                new NodeLaunched(node, cloud, instance)));
        if (i % 10 == 7) {
            events.add(new NodeFailed(node, serviceId, application, cloud, instance, "did not enroll within PT10M"));
            events.add(new NodeTerminated(node, serviceId, application));
            return AggregateHistory.of("Node", node.value(), events);
        }
        events.add(new NodeEnrolled(node, new UUID(0xCE47_0000_0000_0000L, i).toString().replace("-", "").toUpperCase()));
        events.add(new NodeRunning(node, serviceId, application, cloud, cloud.equals("ec2-eu")
                ? "203.0.113." + (i % 254 + 1) : "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
        Instant paidUntil = FIRST_START.plus(Duration.ofMinutes(i % 100_000));
        for (int hour = 0; hour <= i % 6; hour++) {
            events.add(new NodeBilled(node, serviceId, application, owner, 1, paidUntil, paidUntil.plus(BILLING_PERIOD)));
            paidUntil = paidUntil.plus(BILLING_PERIOD);
        }
        if (i % 10 == 3) {
            events.add(new NodeFailed(node, serviceId, application, cloud, instance, "no heartbeat for PT1M"));
            events.add(new NodeTerminated(node, serviceId, application));
        } else if (i % 3 != 0) {
            events.add(new NodeStopping(node, cloud, instance, "stopped by user" + service / 3 % NumberedIds.USERS));
            events.add(new NodeTerminated(node, serviceId, application));
        }
        return AggregateHistory.of("Node", node.value(), events);
    }
}

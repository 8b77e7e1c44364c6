package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.node.api.BillNodeCommand;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The watchdog's duties stand apart: a cloud that does not answer stops neither billing nor the other clouds' checks. */
class NodeWatchdogTest {

    private final NodeQueries queries = mock(NodeQueries.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final Clouds clouds = mock(Clouds.class);
    private final CloudDriver down = mock(CloudDriver.class);
    private final CloudDriver local = mock(CloudDriver.class);

    private final NodeView running = new NodeView("n1", "svc", "app", "owner", "agent", "generic", "down", "vm-1", "RUNNING",
            "172.16.0.1", "10.0.0.1", null, Instant.now(), Instant.now(), Instant.now(), "RUNNING", null, null, 0);

    @Test
    void aCloudThatDoesNotAnswerStopsNeitherBillingNorTheOtherClouds() {
        Map<String, CloudDriver> all = new LinkedHashMap<>();
        all.put("down", down);
        all.put("local", local);
        when(clouds.all()).thenReturn(all);
        when(clouds.driver("down")).thenReturn(down);
        CloudException unanswered = new CloudException(CloudException.Reason.UNREACHABLE, null, "connection refused");
        when(down.listOurs()).thenThrow(unanswered);
        when(down.describe("vm-1")).thenThrow(unanswered);
        when(local.listOurs()).thenReturn(List.of());
        when(queries.alive()).thenReturn(List.of(running));
        when(queries.billingDue(any())).thenReturn(List.of(running));
        when(queries.inState(eq("REQUESTED"), any())).thenReturn(List.of());
        when(queries.inState(eq("BOOTING"), any())).thenReturn(List.of());
        when(queries.inState(eq("ENROLLED"), any())).thenReturn(List.of());
        when(queries.inState(eq("STOPPING"), any())).thenReturn(List.of());
        when(queries.inState(eq("FAILED"), any())).thenReturn(List.of());
        when(queries.runningSilentSince(any())).thenReturn(List.of());

        NodeWatchdog watchdog = new NodeWatchdog(queries, commands, clouds,
                new NodeProperties(URI.create("https://d"), URI.create("http://ca"), Duration.ofMinutes(10), Duration.ofMinutes(5),
                        Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofSeconds(5)),
                new BillingProperties(Duration.ofHours(1), 1), new NodeTerminator(clouds, commands));
        watchdog.watch();

        verify(local).listOurs();
        verify(commands).sendAndWait(argThat(c -> c instanceof BillNodeCommand b && b.nodeId().value().equals("n1")));
        // nothing is known of the node on the silent cloud, so it is not failed for it
        verify(commands, never()).sendAndWait(argThat(c -> c.getClass().getSimpleName().equals("FailNodeCommand")));
    }
}

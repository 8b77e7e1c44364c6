package org.conpaas.gateway.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";

    @Test
    void aUserSeesEventsAboutThemselfTheirOwnThingsAndTheirApplications() throws Exception {
        Viewer alice = new Viewer(ALICE, false, Instant.MAX, List.of("shop"));
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"node.running\"},\"applicationId\":\"shop\",\"nodeId\":\"n1\"}"))).isTrue();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"node.running\"},\"applicationId\":\"blog\",\"nodeId\":\"n2\"}"))).isFalse();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"user.credit-changed\"},\"userId\":\"" + ALICE + "\",\"balance\":49}"))).isTrue();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"user.credit-changed\"},\"userId\":\"" + BOB + "\",\"balance\":49}"))).isFalse();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"cert.issued\"},\"ownerId\":\"" + BOB + "\"}"))).isFalse();
    }

    @Test
    void anApplicationCreatedAfterTheStreamOpenedIsFollowedUntilItIsDeleted() throws Exception {
        Viewer alice = new Viewer(ALICE, false, Instant.MAX, List.of());
        PlatformEvent nodeOfNewApp = event("{\"header\":{\"type\":\"node.failed\"},\"applicationId\":\"new\",\"nodeId\":\"n1\"}");
        assertThat(alice.maySee(nodeOfNewApp)).isFalse();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"app.created\"},\"applicationId\":\"new\",\"ownerId\":\"" + ALICE + "\"}"))).isTrue();
        assertThat(alice.maySee(nodeOfNewApp)).isTrue();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"app.deleted\"},\"applicationId\":\"new\",\"ownerId\":\"" + ALICE + "\"}"))).isTrue();
        assertThat(alice.maySee(nodeOfNewApp)).isFalse();
        // someone else's application never joins
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"app.created\"},\"applicationId\":\"x\",\"ownerId\":\"" + BOB + "\"}"))).isFalse();
        assertThat(alice.maySee(event("{\"header\":{\"type\":\"node.running\"},\"applicationId\":\"x\"}"))).isFalse();
    }

    @Test
    void anAdministratorSeesEverything() throws Exception {
        Viewer admin = new Viewer(ALICE, true, Instant.MAX, List.of());
        assertThat(admin.maySee(event("{\"header\":{\"type\":\"node.running\"},\"applicationId\":\"anyone's\"}"))).isTrue();
        assertThat(admin.maySee(event("{\"header\":{\"type\":\"user.registered\"},\"userId\":\"" + BOB + "\"}"))).isTrue();
    }

    private static PlatformEvent event(String json) throws Exception {
        return PlatformEvent.of(JSON.readTree(json), "routing.key");
    }
}

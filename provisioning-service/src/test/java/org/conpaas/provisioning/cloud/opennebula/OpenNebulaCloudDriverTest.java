package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudException.Reason;
import org.conpaas.provisioning.cloud.CloudHealth;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.NodeBootstrap;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The opennebula driver against recorded oned 6.x XML-RPC exchanges on a local port: what it sends
 * (method, session, parameters, the template with CONTEXT) and how it reads every answer.
 */
class OpenNebulaCloudDriverTest {

    private static final String NODE = "0b9f4c1e-2d6a-4e3b-8f7c-5a1d9e2b3c4f";
    private static final String SESSION = "conpaas:s3cr3t-Pa55";
    private static final int ATTEMPTS = OneRpc.Backoff.DEFAULT.maxAttempts();

    private final RecordedOpenNebula one = new RecordedOpenNebula();
    private final CloudDriver driver = driver(Map.of());

    @AfterEach
    void stop() {
        one.close();
    }

    @Test
    void createAllocatesAVmFromTheImageWithTheBootstrapInContextAndOurTags() {
        one.thenOk("allocate-ok");
        NodeLaunch launch = launch();

        CloudNode node = driver.create(launch);

        assertThat(node).isEqualTo(new CloudNode("42", CloudNodeState.PENDING, null, Map.of(CloudTags.DEPLOYMENT, "conpaas",
                CloudTags.NODE, NODE, CloudTags.SERVICE, "svc-7", CloudTags.APPLICATION, "app-3", CloudTags.ROLE, "web")));
        RecordedOpenNebula.Call sent = one.onlyCall();
        assertThat(sent.httpMethod()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/RPC2");
        assertThat(sent.contentType()).isEqualTo("text/xml");
        assertThat(sent.methodName()).isEqualTo("one.vm.allocate");
        String script = base64(launch.bootstrap().userData());
        assertThat(sent.params()).containsExactly(SESSION, """
                NAME = "conpaas-0b9f4c1e-2d6a-4e3b-8f7c-5a1d9e2b3c4f"
                CPU = "1"
                VCPU = "2"
                MEMORY = "2048"
                DISK = [ IMAGE_ID = "12" ]
                NIC = [ NETWORK_ID = "3" ]
                CONTEXT = [
                  NETWORK = "YES",
                  SSH_PUBLIC_KEY = "$USER[SSH_PUBLIC_KEY]",
                  START_SCRIPT_BASE64 = "%s" ]
                CONPAAS_APPLICATION = "app-3"
                CONPAAS_DEPLOYMENT = "conpaas"
                CONPAAS_NODE = "0b9f4c1e-2d6a-4e3b-8f7c-5a1d9e2b3c4f"
                CONPAAS_ROLE = "web"
                CONPAAS_SERVICE = "svc-7"
                """.formatted(script), false);
        assertThat(new String(Base64.getDecoder().decode(script), StandardCharsets.UTF_8))
                .contains("director-url=https://director.example.org:8443", "enrollment-token=one-time-token", "role=web",
                        "vpn-address=172.16.0.5", "ca-certificate=", "exec /opt/conpaas/bin/node-agent");
    }

    @Test
    void createInstantiatesTheConfiguredTemplateMergingContextNicAndTags() {
        one.thenOk("instantiate-ok");
        NodeLaunch launch = launch();
        CloudDriver fromTemplate = driver(Map.of("template-id", "7", "image-id", "", "vcpu", "", "memory", ""));

        CloudNode node = fromTemplate.create(launch);

        assertThat(node.instanceId()).isEqualTo("43");
        assertThat(node.state()).isEqualTo(CloudNodeState.PENDING);
        RecordedOpenNebula.Call sent = one.onlyCall();
        assertThat(sent.methodName()).isEqualTo("one.template.instantiate");
        assertThat(sent.params()).containsExactly(SESSION, 7, "conpaas-" + NODE, false, """
                NIC = [ NETWORK_ID = "3" ]
                CONTEXT = [
                  NETWORK = "YES",
                  SSH_PUBLIC_KEY = "$USER[SSH_PUBLIC_KEY]",
                  START_SCRIPT_BASE64 = "%s" ]
                CONPAAS_APPLICATION = "app-3"
                CONPAAS_DEPLOYMENT = "conpaas"
                CONPAAS_NODE = "0b9f4c1e-2d6a-4e3b-8f7c-5a1d9e2b3c4f"
                CONPAAS_ROLE = "web"
                CONPAAS_SERVICE = "svc-7"
                """.formatted(base64(launch.bootstrap().userData())), false);
    }

    @Test
    void cloudInitImagesGetTheBootstrapAsUserData() {
        one.thenOk("instantiate-ok");
        NodeLaunch launch = launch();
        CloudDriver cloudInit = driver(Map.of("template-id", "7", "image-id", "", "network-id", "", "bootstrap", "cloud-init",
                "name-prefix", "cps"));

        cloudInit.create(launch);

        RecordedOpenNebula.Call sent = one.onlyCall();
        assertThat(sent.param(2)).isEqualTo("cps-" + NODE);
        assertThat((String) sent.param(4)).startsWith("""
                VCPU = "2"
                MEMORY = "2048"
                CONTEXT = [
                  NETWORK = "YES",
                  SSH_PUBLIC_KEY = "$USER[SSH_PUBLIC_KEY]",
                  USERDATA_ENCODING = "base64",
                  USER_DATA = "%s" ]
                """.formatted(base64(launch.bootstrap().userData()))).doesNotContain("NIC", "START_SCRIPT");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "pending,      PENDING,    10.0.10.23",
            "prolog,       PENDING,    10.0.10.23",
            "boot,         PENDING,    10.0.10.23",
            "running,      RUNNING,    192.0.2.42",
            "unknown,      RUNNING,    10.0.10.23",
            "shutdown,     STOPPING,   10.0.10.23",
            "poweroff,     STOPPING,   10.0.10.23",
            "boot-failure, FAILED,     10.0.10.23",
            "done,         TERMINATED, 10.0.10.23"})
    void describeFoldsOpenNebulaStatesAndPrefersTheExternalAddress(String recorded, CloudNodeState state, String address) {
        one.thenOk("vm-info-" + recorded);

        CloudNode node = driver.describe("42").orElseThrow();

        assertThat(node.instanceId()).isEqualTo("42");
        assertThat(node.state()).isEqualTo(state);
        assertThat(node.address()).isEqualTo(address);
        assertThat(node.nodeId()).isEqualTo(NODE);
        assertThat(node.tags()).containsOnlyKeys(CloudTags.DEPLOYMENT, CloudTags.NODE, CloudTags.SERVICE, CloudTags.APPLICATION,
                CloudTags.ROLE);
        RecordedOpenNebula.Call sent = one.onlyCall();
        assertThat(sent.methodName()).isEqualTo("one.vm.info");
        assertThat(sent.params()).containsExactly(SESSION, 42, false);
    }

    @Test
    void describeOfAVmOpenNebulaDoesNotKnowIsEmpty() {
        one.thenOk("error-info-not-found");

        assertThat(driver.describe("4711")).isEmpty();
        assertThat(one.calls()).hasSize(1);
    }

    @Test
    void anIdThatIsNoVmIdIsUnknownWithoutAsking() {
        assertThat(driver.describe("i-0a1b2c3d4e5f67890")).isEmpty();
        driver.terminate("local-1");

        assertThat(one.calls()).isEmpty();
    }

    @Test
    void terminateEndsTheVmHard() {
        one.thenOk("vm-action-ok");

        driver.terminate("42");

        RecordedOpenNebula.Call sent = one.onlyCall();
        assertThat(sent.methodName()).isEqualTo("one.vm.action");
        assertThat(sent.params()).containsExactly(SESSION, "terminate-hard", 42);
    }

    @Test
    void terminatingAVmThatIsGoneIsFine() {
        one.thenOk("error-action-not-found");

        driver.terminate("4711");

        assertThat(one.calls()).hasSize(1);
    }

    @Test
    void aVmOpenNebulaCannotTerminateInItsStateIsBusyAndLeftToTheNextTry() {
        one.thenOk("error-action-wrong-state");

        assertThatThrownBy(() -> driver.terminate("42"))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BUSY);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.cloudCode()).isEqualTo("ACTION");
                })
                .hasMessageContaining("Could not terminate VM 42, wrong state BOOT.");
        assertThat(one.calls()).hasSize(1);
    }

    @Test
    void listOursPagesThroughTheUsersVmsAndKeepsThoseOfThisDeployment() {
        one.thenOk("vmpool-ours-page1").thenOk("vmpool-ours-page2").thenOk("vmpool-ours-page3");

        List<CloudNode> ours = driver.listOurs();

        assertThat(ours).extracting(CloudNode::instanceId, CloudNode::state, CloudNode::address).containsExactly(
                tuple("42", CloudNodeState.RUNNING, "10.0.10.23"),
                tuple("43", CloudNodeState.PENDING, "10.0.10.24"),
                tuple("45", CloudNodeState.STOPPING, "10.0.10.26"));
        assertThat(ours).extracting(CloudNode::nodeId)
                .containsExactly(NODE, "5e8d7c6b-4a39-4281-9f0e-1d2c3b4a5968", "a1b2c3d4-e5f6-4789-8abc-def012345678");
        assertThat(one.calls()).extracting(RecordedOpenNebula.Call::methodName).containsOnly("one.vmpool.infoextended");
        // the user's own VMs (-3), offsets 0, 2, 4 in pages of 2 (-2), every state but DONE (-1)
        assertThat(one.calls()).extracting(RecordedOpenNebula.Call::params).containsExactly(
                List.of(SESSION, -3, 0, -2, -1), List.of(SESSION, -3, 2, -2, -1), List.of(SESSION, -3, 4, -2, -1));
    }

    @Test
    void listOursStopsWhenOnedAnswersThePagesItGaveAlready() {
        one.thenOk("vmpool-ours-page1").thenOk("vmpool-ours-page1");

        assertThat(driver.listOurs()).extracting(CloudNode::instanceId).containsExactly("42");
        assertThat(one.calls()).hasSize(2);
    }

    @Test
    void listOursOfAnEmptyPoolIsOneCall() {
        one.thenOk("vmpool-empty");

        assertThat(driver.listOurs()).isEmpty();
        assertThat(one.calls()).hasSize(1);
    }

    @Test
    void healthAsksForOpenNebulasVersion() {
        one.thenOk("system-version");

        assertThat(driver.health()).isEqualTo(CloudHealth.up("OpenNebula 6.10.0 at " + one.endpoint() + " answers to conpaas"));
        RecordedOpenNebula.Call sent = one.onlyCall();
        assertThat(sent.methodName()).isEqualTo("one.system.version");
        assertThat(sent.params()).containsExactly(SESSION);
    }

    @Test
    void healthIsDownWhenOpenNebulaRefusesTheCredentials() {
        one.thenOk("error-authentication");

        CloudHealth health = driver.health();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("NOT_AUTHORIZED", "User couldn't be authenticated, aborting call.", "AUTHENTICATION")
                .doesNotContain("s3cr3t");
        assertThat(one.calls()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
            "error-allocate-authentication,  NOT_AUTHORIZED,  AUTHENTICATION, User couldn't be authenticated",
            "error-allocate-quota,           QUOTA_EXCEEDED,  AUTHORIZATION,  limit of 2 reached for VMS quota in VM",
            "error-allocate-not-authorized,  NOT_AUTHORIZED,  AUTHORIZATION,  Not authorized to perform USE IMAGE [12]",
            "error-allocate-image-not-found, IMAGE_NOT_FOUND, ALLOCATE,       Image with ID: 99 does not exist",
            "error-allocate-no-lease,        NO_CAPACITY,     ALLOCATE,       Cannot get IP/MAC lease from virtual network 3",
            "error-allocate-syntax,          INVALID_REQUEST, INTERNAL,       syntax error"})
    void allocateFailuresCarryTheReasonTheCodeAndOpenNebulasMessageWithoutRetrying(String recorded, Reason reason, String code,
                                                                                   String message) {
        one.thenOk(recorded);

        assertThatThrownBy(() -> driver.create(launch()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.cloudCode()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(reason.retryable());
                })
                .hasMessageContaining("one.vm.allocate").hasMessageContaining(message);
        assertThat(one.calls()).hasSize(1);
    }

    @Test
    void aTemplateThatIsGoneIsLikeAMissingImage() {
        one.thenOk("error-instantiate-template-not-found");

        assertThatThrownBy(() -> driver(Map.of("template-id", "7", "image-id", "")).create(launch()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.IMAGE_NOT_FOUND);
                    assertThat(e.cloudCode()).isEqualTo("NO_EXISTS");
                })
                .hasMessageContaining("Error getting virtual machine template [7].");
    }

    @Test
    void anXmlRpcFaultIsAnInvalidRequestCarryingTheFault() {
        one.thenOk("fault-type");

        assertThatThrownBy(() -> driver.describe("42"))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
                    assertThat(e.cloudCode()).isEqualTo("fault -501");
                })
                .hasMessageContaining("XML-RPC fault -501: Parameter that is supposed to be integer is not");
        assertThat(one.calls()).hasSize(1);
    }

    @Test
    void aPassingFailureOfAReadIsRetried() {
        one.thenOk("error-no-leader").then(503, "malformed-html").thenOk("vm-info-running");

        assertThat(driver.describe("42")).map(CloudNode::state).contains(CloudNodeState.RUNNING);
        assertThat(one.calls()).hasSize(3).extracting(RecordedOpenNebula.Call::params).containsOnly(List.of(SESSION, 42, false));
    }

    @Test
    void aPassingFailureThatLastsIsUnreachableAfterTheLastAttempt() {
        for (int i = 0; i < ATTEMPTS; i++) {
            one.thenOk("error-no-leader");
        }

        assertThatThrownBy(() -> driver.listOurs())
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.cloudCode()).isEqualTo("INTERNAL");
                })
                .hasMessageContaining("Cannot process request, no leader found");
        assertThat(one.calls()).hasSize(ATTEMPTS);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNotSentAgainSoNoSecondVmStarts() {
        one.then(502, "malformed-html");

        assertThatThrownBy(() -> driver.create(launch()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.cloudCode()).isEqualTo("HTTP 502");
                });
        assertThat(one.calls()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
            "malformed-html,      not XML",
            "malformed-truncated, not XML",
            "malformed-not-a-vm,  expected <VM>, got <IMAGE>"})
    void anAnswerThatIsNotOnedsIsUnreachable(String recorded, String detail) {
        for (int i = 0; i < ATTEMPTS; i++) {
            one.thenOk(recorded);
        }

        assertThatThrownBy(() -> driver.describe("42"))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.cloudCode()).isNull();
                })
                .hasMessageContaining("one.vm.info").hasMessageContaining(detail);
    }

    @Test
    void anEndpointThatDoesNotAnswerIsUnreachableAndNamed() {
        String closed = one.endpoint().toString();
        one.close();
        CloudDriver nowhere = driver(Map.of("endpoint", closed));

        assertThatThrownBy(nowhere::listOurs)
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.cloudCode()).isNull();
                })
                .hasMessageContaining("one.vmpool.infoextended").hasMessageContaining("cannot connect to " + closed);
        assertThatThrownBy(() -> nowhere.create(launch())).isInstanceOfSatisfying(CloudException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
        assertThat(nowhere.health().up()).isFalse();
    }

    private CloudDriver driver(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("endpoint", one.endpoint().toString(), "credentials", SESSION,
                "image-id", "12", "network-id", "3", "vcpu", "2", "memory", "2048"));
        settings.putAll(overrides);
        return new OpenNebulaCloudDriverFactory(new OneRpc.Backoff(ATTEMPTS, Duration.ZERO, Duration.ZERO), 2)
                .create("one", "conpaas", settings);
    }

    private static NodeLaunch launch() {
        NodeBootstrap bootstrap = new NodeBootstrap("https://director.example.org:8443",
                "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n", "one-time-token", NODE, "svc-7", "app-3", "web",
                "172.16.0.5");
        return new NodeLaunch(NodeId.of(NODE), ServiceId.of("svc-7"), ApplicationId.of("app-3"), bootstrap, Map.of(
                CloudTags.NODE, NODE, CloudTags.SERVICE, "svc-7", CloudTags.APPLICATION, "app-3", CloudTags.ROLE, "web"));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

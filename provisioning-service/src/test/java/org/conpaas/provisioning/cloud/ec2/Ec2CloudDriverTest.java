package org.conpaas.provisioning.cloud.ec2;

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
import software.amazon.awssdk.retries.api.BackoffStrategy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The ec2 driver through the real AWS SDK against recorded EC2 Query API exchanges on a local port. */
class Ec2CloudDriverTest {

    private static final String INSTANCE = "i-0a1b2c3d4e5f67890";
    private static final String NODE = "0b9f4c1e-2d6a-4e3b-8f7c-5a1d9e2b3c4f";

    private final RecordedEc2 ec2 = new RecordedEc2();
    private final CloudDriver driver = driver(Map.of());

    @AfterEach
    void stop() {
        ec2.close();
    }

    @Test
    void createStartsOneTaggedInstanceWithTheBootstrapAsUserData() {
        ec2.thenOk("run-instances");
        NodeLaunch launch = launch();

        CloudNode node = driver.create(launch);

        assertThat(node).isEqualTo(new CloudNode(INSTANCE, CloudNodeState.PENDING, "10.0.1.23", Map.of(
                CloudTags.DEPLOYMENT, "conpaas", CloudTags.NODE, NODE, CloudTags.SERVICE, "svc-7", CloudTags.APPLICATION, "app-3",
                CloudTags.ROLE, "web")));
        RecordedEc2.Request sent = ec2.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.headers().get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/").contains("/eu-west-1/ec2/aws4_request");
        assertThat(sent.params()).contains(entry("Action", "RunInstances"), entry("Version", "2016-11-15"),
                entry("ImageId", "ami-0abcdef1234567890"), entry("InstanceType", "t3.micro"), entry("MinCount", "1"),
                entry("MaxCount", "1"), entry("KeyName", "conpaas"), entry("SecurityGroupId.1", "sg-0123456789abcdef0"),
                entry("SecurityGroupId.2", "sg-0fedcba9876543210"), entry("SubnetId", "subnet-0123456789abcdef0"),
                entry("TagSpecification.1.ResourceType", "instance"));
        assertThat(sent.param("ClientToken")).isNotBlank();
        assertThat(sent.pairs("TagSpecification.1.Tag", "Key", "Value")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Name", "conpaas-" + NODE, CloudTags.DEPLOYMENT, "conpaas", CloudTags.NODE, NODE,
                CloudTags.SERVICE, "svc-7", CloudTags.APPLICATION, "app-3", CloudTags.ROLE, "web"));
        assertThat(new String(Base64.getDecoder().decode(sent.param("UserData")), StandardCharsets.UTF_8))
                .isEqualTo(launch.bootstrap().userData())
                .contains("enrollment-token=one-time-token", "exec /opt/conpaas/bin/node-agent");
    }

    @Test
    void createLeavesOutTheOptionalSettingsNotGiven() {
        ec2.thenOk("run-instances");
        CloudDriver minimal = new Ec2CloudDriverFactory(BackoffStrategy.retryImmediately(), BackoffStrategy.retryImmediately())
                .create("aws", "conpaas", Map.of("region", "eu-west-1", "image-id", "ami-0abcdef1234567890",
                        "instance-type", "t3.micro", "endpoint", ec2.endpoint().toString(),
                        "access-key-id", "AKIAIOSFODNN7EXAMPLE", "secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

        minimal.create(launch());

        assertThat(ec2.onlyRequest().params()).doesNotContainKeys("KeyName", "SubnetId", "SecurityGroupId.1");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "pending,       PENDING,    10.0.1.23",
            "running,       RUNNING,    54.171.20.5",
            "shutting-down, STOPPING,   54.171.20.5",
            "stopping,      STOPPING,   54.171.20.5",
            "stopped,       STOPPING,   10.0.1.23",
            "terminated,    TERMINATED, none"})
    void describeFoldsEc2StatesAndPrefersThePublicAddress(String ec2State, CloudNodeState state, String address) {
        ec2.thenOk("describe-instances-" + ec2State);

        CloudNode node = driver.describe(INSTANCE).orElseThrow();

        assertThat(node.instanceId()).isEqualTo(INSTANCE);
        assertThat(node.state()).isEqualTo(state);
        assertThat(node.address()).isEqualTo(address);
        assertThat(node.nodeId()).isEqualTo(NODE);
        assertThat(node.tags()).doesNotContainKey("Name");
        assertThat(ec2.onlyRequest().params()).contains(entry("Action", "DescribeInstances"), entry("InstanceId.1", INSTANCE));
    }

    @Test
    void describeOfAnIdEc2DoesNotKnowIsEmpty() {
        ec2.then(400, "error-instance-not-found");

        assertThat(driver.describe("i-0deadbeef00000000")).isEmpty();
        assertThat(ec2.requests()).hasSize(1);
    }

    @Test
    void terminateEndsTheInstance() {
        ec2.thenOk("terminate-instances");

        driver.terminate(INSTANCE);

        assertThat(ec2.onlyRequest().params()).contains(entry("Action", "TerminateInstances"), entry("InstanceId.1", INSTANCE));
    }

    @Test
    void terminatingAnUnknownInstanceIsFine() {
        ec2.then(400, "error-instance-not-found");

        driver.terminate("i-0deadbeef00000000");

        assertThat(ec2.requests()).hasSize(1);
    }

    @Test
    void listOursFollowsNextTokenAndFiltersByDeploymentAndState() {
        ec2.thenOk("describe-instances-ours-page1").thenOk("describe-instances-ours-page2");

        List<CloudNode> ours = driver.listOurs();

        assertThat(ours).extracting(CloudNode::instanceId, CloudNode::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(INSTANCE, CloudNodeState.RUNNING),
                org.assertj.core.groups.Tuple.tuple("i-0123456789abcdef1", CloudNodeState.PENDING),
                org.assertj.core.groups.Tuple.tuple("i-0fedcba9876543212", CloudNodeState.STOPPING));
        assertThat(ours).extracting(CloudNode::nodeId)
                .containsExactly(NODE, "5e8d7c6b-4a39-4281-9f0e-1d2c3b4a5968", "a1b2c3d4-e5f6-4789-8abc-def012345678");
        List<RecordedEc2.Request> sent = ec2.requests();
        assertThat(sent).hasSize(2);
        for (RecordedEc2.Request request : sent) {
            assertThat(request.params()).contains(entry("Action", "DescribeInstances"),
                    entry("Filter.1.Name", "tag:conpaas:deployment"), entry("Filter.1.Value.1", "conpaas"),
                    entry("Filter.2.Name", "instance-state-name"), entry("Filter.2.Value.1", "pending"),
                    entry("Filter.2.Value.2", "running"), entry("Filter.2.Value.3", "shutting-down"),
                    entry("Filter.2.Value.4", "stopping"), entry("Filter.2.Value.5", "stopped"));
            assertThat(request.params()).doesNotContainKey("Filter.2.Value.6");
        }
        assertThat(sent.get(0).params()).doesNotContainKey("NextToken");
        assertThat(sent.get(1).param("NextToken")).isEqualTo("eyJ2IjoiMiIsImMiOiJEM3pQRkJ0eXJkQ2R6c2JQbmVsL1pnPT0iLCJzIjoiMSJ9");
    }

    @Test
    void healthIsACheapDescribeOfOurInstances() {
        ec2.thenOk("describe-instances-none");

        assertThat(driver.health()).isEqualTo(CloudHealth.up("EC2 eu-west-1 answers"));
        assertThat(ec2.onlyRequest().params()).contains(entry("Action", "DescribeInstances"), entry("MaxResults", "5"),
                entry("Filter.1.Name", "tag:conpaas:deployment"), entry("Filter.1.Value.1", "conpaas"));
    }

    @Test
    void healthIsDownWhenEc2RefusesTheCredentials() {
        ec2.then(401, "error-auth-failure");

        CloudHealth health = driver.health();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("NOT_AUTHORIZED", "AuthFailure",
                "AWS was not able to validate the provided access credentials");
    }

    @ParameterizedTest
    @CsvSource({
            "error-insufficient-instance-capacity, 500, NO_CAPACITY,     InsufficientInstanceCapacity, We currently do not have sufficient t3.micro capacity",
            "error-instance-limit-exceeded,        400, NO_CAPACITY,     InstanceLimitExceeded,        Your quota allows for 0 more running instance(s)",
            "error-ami-not-found,                  400, IMAGE_NOT_FOUND, InvalidAMIID.NotFound,        does not exist",
            "error-unauthorized-operation,         403, NOT_AUTHORIZED,  UnauthorizedOperation,        is not authorized to perform: ec2:RunInstances",
            "error-auth-failure,                   401, NOT_AUTHORIZED,  AuthFailure,                  not able to validate the provided access credentials",
            "error-invalid-parameter-value,        400, INVALID_REQUEST, InvalidParameterValue,        Invalid value 't3.tiny' for InstanceType."})
    void createFailuresCarryTheReasonTheCodeAndEc2sMessageWithoutRetrying(String recorded, int status, Reason reason, String code,
                                                                          String message) {
        ec2.then(status, recorded);

        assertThatThrownBy(() -> driver.create(launch()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.cloudCode()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(reason.retryable());
                })
                .hasMessageContaining("RunInstances").hasMessageContaining(code).hasMessageContaining(message);
        assertThat(ec2.requests()).hasSize(1);
    }

    @Test
    void throttlingIsRetriedByTheSdkAndSurfacesAsThrottledWhenItLasts() {
        for (int i = 0; i < Ec2CloudDriverFactory.MAX_ATTEMPTS; i++) {
            ec2.then(503, "error-request-limit-exceeded");
        }

        assertThatThrownBy(() -> driver.create(launch()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.THROTTLED);
                    assertThat(e.cloudCode()).isEqualTo("RequestLimitExceeded");
                    assertThat(e.retryable()).isTrue();
                })
                .hasMessageContaining("Request limit exceeded.");
        assertThat(ec2.requests()).hasSize(Ec2CloudDriverFactory.MAX_ATTEMPTS)
                .allSatisfy(request -> assertThat(request.param("Action")).isEqualTo("RunInstances"));
        // the SDK retries the same request: one client token, so EC2 never starts two instances for it
        assertThat(ec2.requests()).extracting(r -> r.param("ClientToken")).containsOnly(ec2.requests().get(0).param("ClientToken"));
    }

    @Test
    void aThrottledCallThatSucceedsOnRetryIsNoError() {
        ec2.then(503, "error-request-limit-exceeded").then(503, "error-request-limit-exceeded").thenOk("describe-instances-running");

        assertThat(driver.describe(INSTANCE)).map(CloudNode::state).contains(CloudNodeState.RUNNING);
        assertThat(ec2.requests()).hasSize(3);
    }

    @Test
    void serverErrorsThatLastAreUnreachable() {
        for (int i = 0; i < Ec2CloudDriverFactory.MAX_ATTEMPTS; i++) {
            ec2.then(500, "error-internal-error");
        }

        assertThatThrownBy(() -> driver.terminate(INSTANCE))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.cloudCode()).isEqualTo("InternalError");
                });
        assertThat(ec2.requests()).hasSize(Ec2CloudDriverFactory.MAX_ATTEMPTS);
    }

    @Test
    void anEndpointThatDoesNotAnswerIsUnreachable() {
        String closed = ec2.endpoint().toString();
        ec2.close();
        CloudDriver nowhere = driver(Map.of("endpoint", closed));

        assertThatThrownBy(() -> nowhere.listOurs())
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.cloudCode()).isNull();
                })
                .hasMessageContaining("DescribeInstances");
    }

    private CloudDriver driver(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("region", "eu-west-1", "image-id", "ami-0abcdef1234567890",
                "instance-type", "t3.micro", "key-name", "conpaas",
                "security-group-ids", "sg-0123456789abcdef0, sg-0fedcba9876543210", "subnet-id", "subnet-0123456789abcdef0",
                "endpoint", ec2.endpoint().toString(),
                "access-key-id", "AKIAIOSFODNN7EXAMPLE", "secret-access-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        settings.putAll(overrides);
        return new Ec2CloudDriverFactory(BackoffStrategy.retryImmediately(), BackoffStrategy.retryImmediately())
                .create("aws", "conpaas", settings);
    }

    private static NodeLaunch launch() {
        NodeBootstrap bootstrap = new NodeBootstrap("https://director.example.org:8443", null, "one-time-token", NODE, "svc-7",
                "app-3", "web", "172.16.0.5");
        return new NodeLaunch(NodeId.of(NODE), ServiceId.of("svc-7"), ApplicationId.of("app-3"), bootstrap, Map.of(
                CloudTags.NODE, NODE, CloudTags.SERVICE, "svc-7", CloudTags.APPLICATION, "app-3", CloudTags.ROLE, "web"));
    }
}

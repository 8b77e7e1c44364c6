package org.conpaas.provisioning.cloud.ec2;

import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudHealth;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.NodeLaunch;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code driver=ec2}: each node is one EC2 instance started from the configured AMI, with the
 * node's bootstrap as user-data and our tags on it. No waiters: the caller polls {@link #describe}.
 * The SDK retries throttling and transient errors itself (see {@link Ec2CloudDriverFactory}).
 */
final class Ec2CloudDriver implements CloudDriver {

    private static final List<String> NOT_TERMINATED = List.of("pending", "running", "shutting-down", "stopping", "stopped");

    private final Ec2Client ec2;
    private final String deployment;
    private final Ec2Settings settings;

    Ec2CloudDriver(Ec2Client ec2, String deployment, Ec2Settings settings) {
        this.ec2 = ec2;
        this.deployment = deployment;
        this.settings = settings;
    }

    @Override
    public CloudNode create(NodeLaunch launch) {
        Map<String, String> tags = new LinkedHashMap<>(launch.tags());
        tags.put(CloudTags.DEPLOYMENT, deployment);
        List<Tag> instanceTags = new ArrayList<>();
        instanceTags.add(Tag.builder().key("Name").value("conpaas-" + launch.nodeId().value()).build());
        tags.forEach((key, value) -> instanceTags.add(Tag.builder().key(key).value(value).build()));
        // the SDK fills ClientToken, so a retried RunInstances does not start a second instance
        RunInstancesRequest request = RunInstancesRequest.builder()
                .imageId(settings.imageId())
                .instanceType(settings.instanceType())
                .minCount(1)
                .maxCount(1)
                .keyName(settings.keyName())
                .securityGroupIds(settings.securityGroupIds().isEmpty() ? null : settings.securityGroupIds())
                .subnetId(settings.subnetId())
                .userData(Base64.getEncoder().encodeToString(launch.bootstrap().userData().getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(instanceTags).build())
                .build();
        Instance instance = call("RunInstances", () -> ec2.runInstances(request)).instances().get(0);
        return node(instance);
    }

    @Override
    public Optional<CloudNode> describe(String instanceId) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(reservation -> reservation.instances().stream())
                    .filter(instance -> instanceId.equals(instance.instanceId()))
                    .findFirst()
                    .map(Ec2CloudDriver::node);
        } catch (SdkException failure) {
            if (Ec2Errors.isNotFound(failure)) {
                return Optional.empty();
            }
            throw Ec2Errors.translate("DescribeInstances", failure);
        }
    }

    @Override
    public void terminate(String instanceId) {
        try {
            ec2.terminateInstances(r -> r.instanceIds(instanceId));
        } catch (SdkException failure) {
            if (!Ec2Errors.isNotFound(failure)) {
                throw Ec2Errors.translate("TerminateInstances", failure);
            }
        }
    }

    @Override
    public List<CloudNode> listOurs() {
        List<CloudNode> ours = new ArrayList<>();
        String nextToken = null;
        do {
            DescribeInstancesRequest request = ourInstances().nextToken(nextToken).build();
            DescribeInstancesResponse page = call("DescribeInstances", () -> ec2.describeInstances(request));
            page.reservations().forEach(reservation -> reservation.instances().forEach(instance -> ours.add(node(instance))));
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return ours;
    }

    @Override
    public CloudHealth health() {
        try {
            call("DescribeInstances", () -> ec2.describeInstances(ourInstances().maxResults(5).build()));
            return CloudHealth.up("EC2 " + settings.region() + " answers");
        } catch (CloudException failure) {
            return CloudHealth.down(failure.reason() + ": " + failure.getMessage());
        }
    }

    private DescribeInstancesRequest.Builder ourInstances() {
        return DescribeInstancesRequest.builder().filters(
                Filter.builder().name("tag:" + CloudTags.DEPLOYMENT).values(deployment).build(),
                Filter.builder().name("instance-state-name").values(NOT_TERMINATED).build());
    }

    private static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException failure) {
            throw Ec2Errors.translate(action, failure);
        }
    }

    private static CloudNode node(Instance instance) {
        Map<String, String> tags = new LinkedHashMap<>();
        instance.tags().stream().filter(tag -> tag.key().startsWith("conpaas:")).forEach(tag -> tags.put(tag.key(), tag.value()));
        String address = instance.publicIpAddress() != null ? instance.publicIpAddress() : instance.privateIpAddress();
        return new CloudNode(instance.instanceId(), state(instance.state() == null ? null : instance.state().name()), address, tags);
    }

    static CloudNodeState state(InstanceStateName name) {
        if (name == null) {
            return CloudNodeState.PENDING;
        }
        return switch (name) {
            case PENDING -> CloudNodeState.PENDING;
            case RUNNING -> CloudNodeState.RUNNING;
            case SHUTTING_DOWN, STOPPING, STOPPED -> CloudNodeState.STOPPING;
            case TERMINATED -> CloudNodeState.TERMINATED;
            // a state this SDK does not know yet: not running for us, and not gone
            case UNKNOWN_TO_SDK_VERSION -> CloudNodeState.STOPPING;
        };
    }
}

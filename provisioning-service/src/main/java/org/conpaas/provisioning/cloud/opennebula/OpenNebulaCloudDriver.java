package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudException.Reason;
import org.conpaas.provisioning.cloud.CloudHealth;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code driver=opennebula}: each node is one OpenNebula VM, from the configured template
 * ({@code one.template.instantiate}) or image ({@code one.vm.allocate}), with the node's bootstrap
 * in its CONTEXT and our tags as user template attributes. No waiting: the caller polls
 * {@link #describe}. The VM's id is the node's instance id.
 */
final class OpenNebulaCloudDriver implements CloudDriver {

    /** one.vmpool.infoextended filter: only the VMs of the user we connect as */
    static final int MINE = -3;
    /** one.vmpool.infoextended state filter: every state but DONE */
    static final int NOT_DONE = -1;

    private final OneRpc one;
    private final String deployment;
    private final OpenNebulaSettings settings;
    private final int pageSize;

    OpenNebulaCloudDriver(OneRpc one, String deployment, OpenNebulaSettings settings, int pageSize) {
        this.one = one;
        this.deployment = deployment;
        this.settings = settings;
        this.pageSize = pageSize;
    }

    @Override
    public CloudNode create(NodeLaunch launch) {
        Map<String, String> tags = new LinkedHashMap<>(launch.tags());
        tags.put(CloudTags.DEPLOYMENT, deployment);
        Object id;
        if (settings.templateId() != null) {
            id = one.write("one.template.instantiate", settings.templateId(), NodeTemplate.vmName(settings, launch), false,
                    NodeTemplate.forInstantiate(settings, launch, tags), false);
        } else {
            id = one.write("one.vm.allocate", NodeTemplate.forAllocate(settings, launch, tags), false);
        }
        if (!(id instanceof Integer vmId)) {
            throw new CloudException(Reason.UNREACHABLE, null, "OpenNebula answered a new VM's id with " + id);
        }
        // a new VM is PENDING until the scheduler places it; its address comes with the lease, seen by describe
        return new CloudNode(String.valueOf(vmId), CloudNodeState.PENDING, null, tags);
    }

    @Override
    public Optional<CloudNode> describe(String instanceId) {
        Integer id = vmId(instanceId);
        if (id == null) {
            return Optional.empty();
        }
        try {
            Object xml = one.read("one.vm.info", id, false);
            return Optional.of(read("one.vm.info", () -> VmXml.node(VmXml.vm(String.valueOf(xml)))));
        } catch (CloudException failure) {
            if (OneErrors.NO_EXISTS.equals(failure.cloudCode())) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    @Override
    public void terminate(String instanceId) {
        Integer id = vmId(instanceId);
        if (id == null) {
            return;
        }
        try {
            // a VM already DONE answers success; one purged from the database NO_EXISTS
            one.read("one.vm.action", "terminate-hard", id);
        } catch (CloudException failure) {
            if (!OneErrors.NO_EXISTS.equals(failure.cloudCode())) {
                throw failure;
            }
        }
    }

    /**
     * Pages through the user's VMs that are not DONE and keeps those tagged with this deployment.
     * one.vmpool.info would be lighter, but its short VM body leaves out the user template and so
     * our tags (VirtualMachineTemplate::to_xml_short); the JSON filter of infoextended needs MySQL.
     */
    @Override
    public List<CloudNode> listOurs() {
        Set<String> seen = new LinkedHashSet<>();
        List<CloudNode> ours = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            // a negative end is the page size, the start then the offset (src/rm/RequestManagerPoolInfoFilter.cc)
            Object xml = one.read("one.vmpool.infoextended", MINE, offset, -pageSize, NOT_DONE);
            List<Element> page = read("one.vmpool.infoextended", () -> VmXml.pool(String.valueOf(xml)));
            boolean news = false;
            for (Element vm : page) {
                CloudNode node = read("one.vmpool.infoextended", () -> VmXml.node(vm));
                // VMs created between two pages shift the offsets: a VM may come twice
                if (!seen.add(node.instanceId())) {
                    continue;
                }
                news = true;
                if (deployment.equals(VmXml.userAttribute(vm, NodeTemplate.attributeName(CloudTags.DEPLOYMENT)))) {
                    ours.add(node);
                }
            }
            // a short page is the last; a page of VMs already seen means oned does not page (and would answer it forever)
            if (page.size() < pageSize || !news) {
                return ours;
            }
        }
    }

    @Override
    public CloudHealth health() {
        try {
            Object version = one.read("one.system.version");
            return CloudHealth.up("OpenNebula " + version + " at " + one.endpoint() + " answers to " + settings.user());
        } catch (CloudException failure) {
            return CloudHealth.down(failure.reason() + ": " + failure.getMessage());
        }
    }

    private interface Parse<T> {
        T parse() throws XmlRpc.MalformedResponse;
    }

    private <T> T read(String method, Parse<T> parse) {
        try {
            return parse.parse();
        } catch (XmlRpc.MalformedResponse malformed) {
            throw new CloudException(Reason.UNREACHABLE, null,
                    "OpenNebula " + method + " failed: its VM document is not as oned writes it: " + malformed.getMessage(), malformed);
        }
    }

    /** OpenNebula VM ids are numbers; any other id was never one of its VMs. */
    private static Integer vmId(String instanceId) {
        try {
            int id = Integer.parseInt(instanceId);
            return id >= 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.NodeLaunch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenNebula template text of a node: its CONTEXT carries the node's bootstrap script, and one
 * user attribute per tag ({@code conpaas:node} becomes {@code CONPAAS_NODE}: attribute names are
 * letters, digits and '_') marks it as ours. A template given to {@code one.template.instantiate}
 * replaces the VM template's attributes of the same name, so CONTEXT also keeps what OpenNebula's
 * default CONTEXT holds: the network configuration and the owner's SSH key.
 */
final class NodeTemplate {

    private static final String TAG_PREFIX = "conpaas:";
    private static final String ATTRIBUTE_PREFIX = "CONPAAS_";

    private NodeTemplate() {
    }

    static String vmName(OpenNebulaSettings settings, NodeLaunch launch) {
        return settings.namePrefix() + "-" + launch.nodeId().value();
    }

    /** The whole VM template for {@code one.vm.allocate}: image, capacity, network, CONTEXT and tags. */
    static String forAllocate(OpenNebulaSettings settings, NodeLaunch launch, Map<String, String> tags) {
        StringBuilder template = new StringBuilder();
        single(template, "NAME", vmName(settings, launch));
        capacity(template, settings);
        template.append("DISK = [ IMAGE_ID = ").append(quoted(String.valueOf(settings.imageId()))).append(" ]\n");
        template.append("NIC = [ NETWORK_ID = ").append(quoted(String.valueOf(settings.networkId()))).append(" ]\n");
        return contextAndTags(template, settings, launch, tags);
    }

    /** What {@code one.template.instantiate} merges into the configured template: capacity or NIC when set, CONTEXT and tags. */
    static String forInstantiate(OpenNebulaSettings settings, NodeLaunch launch, Map<String, String> tags) {
        StringBuilder template = new StringBuilder();
        capacity(template, settings);
        if (settings.networkId() != null) {
            template.append("NIC = [ NETWORK_ID = ").append(quoted(String.valueOf(settings.networkId()))).append(" ]\n");
        }
        return contextAndTags(template, settings, launch, tags);
    }

    /** {@code conpaas:deployment} → {@code CONPAAS_DEPLOYMENT}. */
    static String attributeName(String tag) {
        return tag.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /** {@code CONPAAS_DEPLOYMENT} → {@code conpaas:deployment}; null for attributes that are not tags. */
    static String tagName(String attribute) {
        if (!attribute.startsWith(ATTRIBUTE_PREFIX) || attribute.length() == ATTRIBUTE_PREFIX.length()) {
            return null;
        }
        return TAG_PREFIX + attribute.substring(ATTRIBUTE_PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    private static void capacity(StringBuilder template, OpenNebulaSettings settings) {
        if (settings.cpu() != null) {
            single(template, "CPU", settings.cpu());
        }
        if (settings.vcpu() != null) {
            single(template, "VCPU", String.valueOf(settings.vcpu()));
        }
        if (settings.memory() != null) {
            single(template, "MEMORY", String.valueOf(settings.memory()));
        }
    }

    private static String contextAndTags(StringBuilder template, OpenNebulaSettings settings, NodeLaunch launch,
                                         Map<String, String> tags) {
        String script = Base64.getEncoder().encodeToString(launch.bootstrap().userData().getBytes(StandardCharsets.UTF_8));
        template.append("CONTEXT = [\n  NETWORK = \"YES\",\n  SSH_PUBLIC_KEY = \"$USER[SSH_PUBLIC_KEY]\",\n");
        if (settings.bootstrap() == OpenNebulaSettings.Bootstrap.CLOUD_INIT) {
            template.append("  USERDATA_ENCODING = \"base64\",\n  USER_DATA = ").append(quoted(script)).append(" ]\n");
        } else {
            template.append("  START_SCRIPT_BASE64 = ").append(quoted(script)).append(" ]\n");
        }
        new TreeMap<>(tags).forEach((tag, value) -> single(template, attributeName(tag), value));
        return template.toString();
    }

    private static void single(StringBuilder template, String name, String value) {
        template.append(name).append(" = ").append(quoted(value)).append('\n');
    }

    /** A double-quoted template value; oned's template parser un-escapes \" and nothing else. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\\\"") + "\"";
    }
}

package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudNode;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the VM documents oned returns inside its string results: {@code <VM>} from one.vm.info and
 * {@code <VM_POOL>} from one.vmpool.infoextended (src/vm/VirtualMachine.cc, to_xml_extended).
 */
final class VmXml {

    private VmXml() {
    }

    static Element vm(String xml) throws XmlRpc.MalformedResponse {
        return root(xml, "VM");
    }

    static List<Element> pool(String xml) throws XmlRpc.MalformedResponse {
        List<Element> vms = new ArrayList<>();
        for (Node node = root(xml, "VM_POOL").getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element vm && vm.getTagName().equals("VM")) {
                vms.add(vm);
            }
        }
        return vms;
    }

    static CloudNode node(Element vm) throws XmlRpc.MalformedResponse {
        String id = text(vm, "ID");
        if (id == null) {
            throw new XmlRpc.MalformedResponse("a <VM> without <ID>", null);
        }
        return new CloudNode(id, VmStates.of(number(vm, "STATE"), number(vm, "LCM_STATE")), address(vm), tags(vm));
    }

    /** The value of a user template attribute, e.g. CONPAAS_DEPLOYMENT; null when the VM has none. */
    static String userAttribute(Element vm, String name) {
        Element user = XmlRpc.child(vm, "USER_TEMPLATE");
        return user == null ? null : text(user, name);
    }

    /** The first NIC's address, the external (public) one when the network has one. */
    private static String address(Element vm) {
        Element template = XmlRpc.child(vm, "TEMPLATE");
        Element nic = template == null ? null : XmlRpc.child(template, "NIC");
        if (nic == null) {
            return null;
        }
        for (String field : List.of("EXTERNAL_IP", "IP", "IP6_GLOBAL", "IP6")) {
            String address = text(nic, field);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    private static Map<String, String> tags(Element vm) {
        Map<String, String> tags = new LinkedHashMap<>();
        Element user = XmlRpc.child(vm, "USER_TEMPLATE");
        if (user != null) {
            for (Node node = user.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element attribute && NodeTemplate.tagName(attribute.getTagName()) != null) {
                    tags.put(NodeTemplate.tagName(attribute.getTagName()), attribute.getTextContent().trim());
                }
            }
        }
        return tags;
    }

    private static Element root(String xml, String name) throws XmlRpc.MalformedResponse {
        Element root = XmlRpc.parse(xml).getDocumentElement();
        if (!root.getTagName().equals(name)) {
            throw new XmlRpc.MalformedResponse("expected <" + name + ">, got <" + root.getTagName() + ">", null);
        }
        return root;
    }

    private static int number(Element vm, String field) throws XmlRpc.MalformedResponse {
        String value = text(vm, field);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new XmlRpc.MalformedResponse("<" + field + "> of VM " + text(vm, "ID") + " is not a number: " + value, e);
        }
    }

    /** An element's text (CDATA included), or null when it is missing or empty. */
    private static String text(Element parent, String name) {
        Element child = XmlRpc.child(parent, name);
        String text = child == null ? null : child.getTextContent().trim();
        return text == null || text.isEmpty() ? null : text;
    }
}

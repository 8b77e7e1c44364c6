package org.conpaas.agent;

/**
 * The program that runs on every provisioned node. Enrollment, heartbeats and running the
 * service's code arrive with the provisioning issue; today it only reports its version, so that
 * the module builds and the packaging around it can be put in place.
 */
public final class NodeAgent {

    private NodeAgent() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            System.out.println("conpaas node-agent " + version());
            return;
        }
        System.err.println("usage: node-agent --version  (enrollment is planned with the provisioning issue)");
        System.exit(2);
    }

    static String version() {
        String v = NodeAgent.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

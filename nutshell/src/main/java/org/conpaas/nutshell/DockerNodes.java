package org.conpaas.nutshell;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The nutshell's container cloud {@code docker} beside {@code local}: nodes as containers of the
 * node image on this machine's Docker engine, on the bridge network {@code conpaas-nodes} of
 * {@code --node-subnet}. Containers reach the machine only at that bridge's gateway address, so the
 * gateway (which listens on every address) must be called there by them and its certificate must
 * name that address too. It is the default cloud unless {@code --nodes local} says otherwise; with
 * {@code --nodes local}, or when no engine answers or the image is missing, only {@code local} exists.
 */
record DockerNodes(String subnet, String gatewayAddress, String image) {

    static final String CLOUD = "docker";
    static final String NETWORK = "conpaas-nodes";

    /** The container cloud, if the options and this machine allow it; says on {@code out} which nodes the nutshell uses. */
    static Optional<DockerNodes> choose(NutshellOptions options, DockerEngine engine, java.io.PrintStream out) throws IOException {
        String wanted = options.nodes();
        if ("local".equals(wanted)) {
            out.println("nodes: local processes (--nodes local)");
            return Optional.empty();
        }
        boolean asked = "docker".equals(wanted);
        String unavailable = null;
        if (options.plainHttp()) {
            unavailable = "container nodes heartbeat over mutual TLS, which --plain-http turns off";
        } else if (!engine.answers()) {
            unavailable = "no Docker engine answers at " + engine.socket() + " (start dockerd --iptables=false --ip-masq=false"
                    + " --bridge=none)";
        } else if (!engine.hasImage(options.nodeImage())) {
            unavailable = "the node image " + options.nodeImage() + " is missing (./conpaas up builds it as root; or deploy/node-image/build)";
        }
        if (unavailable != null) {
            if (asked) {
                throw new NutshellOptions.UsageException("--nodes docker: " + unavailable + "; or use --nodes local");
            }
            out.println("nodes: local processes, not containers: " + unavailable);
            return Optional.empty();
        }
        DockerNodes nodes = new DockerNodes(options.nodeSubnet(), NutshellOptions.firstAddress(options.nodeSubnet()),
                options.nodeImage());
        out.println("nodes: containers of " + nodes.image() + " on network " + NETWORK + " (" + nodes.subnet() + ", the gateway at "
                + nodes.gatewayAddress() + "); cloud local beside it");
        return Optional.of(nodes);
    }

    /** The URL nodes call the gateway at: the bridge's gateway address, the gateway's port. */
    String directorUrl(int port) {
        return "https://" + gatewayAddress + ":" + port;
    }

    /** provisioning-service: the docker cloud, and it as the default. */
    List<String> provisioningSettings(int gatewayPort) {
        String cloud = "--conpaas.clouds.definitions." + CLOUD + ".";
        return List.of(cloud + "driver=docker", cloud + "image=" + image, cloud + "network=" + NETWORK, cloud + "subnet=" + subnet,
                cloud + "director-url=" + directorUrl(gatewayPort), "--conpaas.clouds.default=" + CLOUD);
    }

    /** app-service: services may name either cloud (their web hosting runtimes: {@link HostRuntimes}); docker is the default. */
    static List<String> appSettings() {
        return List.of("--conpaas.services.default-cloud=" + CLOUD);
    }

    /** cert-service: the director certificate names the bridge's gateway address too. */
    List<String> certSettings() {
        return List.of("--conpaas.ca.director-also-hosts=" + gatewayAddress);
    }

    /**
     * Removes this deployment's containers (those a stopped or killed nutshell left) and, with
     * {@code network}, the nodes' network unless another deployment's containers use it.
     */
    static void removeLeftovers(DockerEngine engine, String deployment, boolean network, java.io.PrintStream out) throws IOException {
        if (!engine.answers()) {
            return;
        }
        List<String> left = engine.containersLabelled("conpaas:deployment", deployment);
        for (String id : left) {
            engine.removeContainer(id);
        }
        if (!left.isEmpty()) {
            out.println("removed " + left.size() + " node container(s) of " + deployment);
        }
        if (network) {
            engine.removeNetwork(NETWORK);
        }
    }
}

package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.conpaas.provisioning.cloud.CloudHealth;

/**
 * The docker cloud's health: the engine answers, the node image is there, the node network is
 * missing (the first node makes it) or right. Each failure says what to fix, in one line.
 */
final class DockerHealth {

    private final DockerClient docker;
    private final DockerSettings settings;
    private final NodeNetwork network;

    DockerHealth(DockerClient docker, DockerSettings settings, NodeNetwork network) {
        this.docker = docker;
        this.settings = settings;
        this.network = network;
    }

    CloudHealth check() {
        String version;
        try {
            docker.pingCmd().exec();
            version = docker.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            return CloudHealth.down("no Docker engine answers at " + settings.host() + " (" + DockerErrors.rootMessage(e)
                    + "): start dockerd there or fix the cloud's host setting");
        }
        try {
            docker.inspectImageCmd(settings.image()).exec();
        } catch (NotFoundException e) {
            return CloudHealth.down("the node image " + settings.image() + " is missing on the Docker engine at " + settings.host()
                    + ": build it with deploy/node-image/build");
        } catch (RuntimeException e) {
            return CloudHealth.down("the Docker engine at " + settings.host() + " did not show the image " + settings.image()
                    + " (" + DockerErrors.rootMessage(e) + ")");
        }
        String networkProblem;
        try {
            networkProblem = network.problem();
        } catch (RuntimeException e) {
            return CloudHealth.down("the Docker engine at " + settings.host() + " did not show the network " + network.name()
                    + " (" + DockerErrors.rootMessage(e) + ")");
        }
        if (networkProblem != null) {
            return CloudHealth.down(networkProblem);
        }
        return CloudHealth.up("Docker " + version + " at " + settings.host() + ", image " + settings.image() + ", network "
                + network.name() + " (" + network.subnet().cidr() + "): nodes reach the director at "
                + (settings.directorUrl() != null ? settings.directorUrl()
                : "the public URL, which must name an address the gateway listens on for them, e.g. " + network.subnet().gateway()));
    }
}

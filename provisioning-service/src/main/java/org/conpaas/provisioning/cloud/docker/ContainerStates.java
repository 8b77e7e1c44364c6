package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.conpaas.provisioning.cloud.CloudNodeState;

/** A container's state folded to what provisioning acts on. */
final class ContainerStates {

    private ContainerStates() {
    }

    /** From a container listing's one-word state: created, running, paused, restarting, removing, exited, dead. */
    static CloudNodeState of(String state) {
        return switch (state == null ? "" : state) {
            case "created", "restarting" -> CloudNodeState.PENDING;
            case "running", "paused" -> CloudNodeState.RUNNING;
            case "removing" -> CloudNodeState.STOPPING;
            case "exited" -> CloudNodeState.TERMINATED;
            default -> CloudNodeState.FAILED;
        };
    }

    /** From an inspection, which also knows how an exited container ended: the agent exits 0 only when asked to stop. */
    static CloudNodeState of(InspectContainerResponse.ContainerState state) {
        if (state == null) {
            return CloudNodeState.FAILED;
        }
        if ("exited".equals(state.getStatus())) {
            Long exitCode = state.getExitCodeLong();
            return exitCode != null && exitCode == 0 ? CloudNodeState.TERMINATED : CloudNodeState.FAILED;
        }
        return of(state.getStatus());
    }
}

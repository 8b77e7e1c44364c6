package org.conpaas.provisioning.node;

/** A node's life: REQUESTED → BOOTING → ENROLLED → RUNNING → STOPPING → TERMINATED, or FAILED (then TERMINATED). */
public enum NodeState {
    REQUESTED, BOOTING, ENROLLED, RUNNING, STOPPING, TERMINATED, FAILED;

    /** Still meant to be alive. */
    public boolean alive() {
        return this == REQUESTED || this == BOOTING || this == ENROLLED || this == RUNNING;
    }
}

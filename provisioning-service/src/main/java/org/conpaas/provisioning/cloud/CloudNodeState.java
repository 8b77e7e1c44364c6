package org.conpaas.provisioning.cloud;

/** A cloud's many machine states folded to what provisioning acts on. */
public enum CloudNodeState {
    /** asked for, booting */
    PENDING,
    RUNNING,
    /** shutting down, not yet gone */
    STOPPING,
    TERMINATED,
    /** the cloud gave up on it (EC2 never does; OpenNebula FAILURE, a local process that exited with an error) */
    FAILED
}

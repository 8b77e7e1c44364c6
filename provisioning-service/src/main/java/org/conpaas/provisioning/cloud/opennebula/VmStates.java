package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudNodeState;

import java.util.Set;

/**
 * OpenNebula's VM STATE and LCM_STATE (include/VirtualMachine.h, 6.x; the list of states in the
 * operation guide) folded to what provisioning acts on.
 */
final class VmStates {

    private static final int INIT = 0, PENDING = 1, HOLD = 2, ACTIVE = 3, STOPPED = 4, SUSPENDED = 5, DONE = 6, POWEROFF = 8,
            UNDEPLOYED = 9, CLONING = 10, CLONING_FAILURE = 11;

    /** ACTIVE on its way up: LCM_INIT, PROLOG, BOOT, PROLOG_RESUME, CLEANUP_RESUBMIT, BOOT_UNKNOWN/POWEROFF/SUSPENDED/STOPPED, PROLOG_UNDEPLOY, BOOT_UNDEPLOY */
    private static final Set<Integer> STARTING = Set.of(0, 1, 2, 9, 15, 19, 20, 21, 22, 31, 32);
    /** ACTIVE on its way down: SAVE_STOP, SAVE_SUSPEND, EPILOG_STOP, EPILOG, SHUTDOWN, SHUTDOWN_POWEROFF, CLEANUP_DELETE, SHUTDOWN_UNDEPLOY, EPILOG_UNDEPLOY */
    private static final Set<Integer> ENDING = Set.of(5, 6, 10, 11, 12, 18, 23, 29, 30);
    /** ACTIVE but stuck: the *_FAILURE states (BOOT_FAILURE 36 … PROLOG_UNDEPLOY_FAILURE 50, PROLOG_MIGRATE_UNKNOWN_FAILURE 61) */
    private static final Set<Integer> FAILED = Set.of(36, 37, 38, 39, 40, 41, 42, 44, 46, 47, 48, 49, 50, 61);

    private VmStates() {
    }

    static CloudNodeState of(int state, int lcmState) {
        return switch (state) {
            case INIT, PENDING, HOLD, CLONING -> CloudNodeState.PENDING;
            case ACTIVE -> active(lcmState);
            // stopped, suspended, powered off or undeployed: not running for us, and not gone either
            case STOPPED, SUSPENDED, POWEROFF, UNDEPLOYED -> CloudNodeState.STOPPING;
            case DONE -> CloudNodeState.TERMINATED;
            case CLONING_FAILURE -> CloudNodeState.FAILED;
            // a state this driver does not know yet: not running for us, and not gone
            default -> CloudNodeState.STOPPING;
        };
    }

    private static CloudNodeState active(int lcmState) {
        if (STARTING.contains(lcmState)) {
            return CloudNodeState.PENDING;
        }
        if (ENDING.contains(lcmState)) {
            return CloudNodeState.STOPPING;
        }
        if (FAILED.contains(lcmState)) {
            return CloudNodeState.FAILED;
        }
        // RUNNING, UNKNOWN (its host stopped answering: our heartbeats judge), migrations, hotplugs, snapshots, backups
        return CloudNodeState.RUNNING;
    }
}

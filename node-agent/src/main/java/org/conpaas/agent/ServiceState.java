package org.conpaas.agent;

/** The service's state as heartbeats report it. */
enum ServiceState {
    STARTING, RUNNING, STOPPING, FAILED
}

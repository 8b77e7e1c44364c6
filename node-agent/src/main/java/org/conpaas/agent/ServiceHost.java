package org.conpaas.agent;

import java.nio.file.Path;

/** Runs the service's code on this node; one implementation per service type. */
interface ServiceHost {

    /**
     * Starts {@code version} from {@code codeDirectory} with the release's {@code environment},
     * replacing the version running, if any. A failure to start shows in {@link #status()} as FAILED.
     */
    void start(long version, Path codeDirectory, ReleaseEnvironment environment);

    ServiceStatus status();

    /** The port the service answers HTTP on, for web services once started. */
    Integer httpPort();

    /** Stops whatever runs; returns when it has stopped. */
    void stop();

    record ServiceStatus(ServiceState state, String detail) {
    }
}

package org.conpaas.agent;

import sun.misc.Signal;

import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT ask the agent to stop in order (stop.sh, last heartbeat, exit 0) instead
 * of the JVM's default, which would run shutdown hooks after logging was already torn down.
 */
final class Termination {

    private Termination() {
    }

    static void onSignals(Consumer<String> stop) {
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.accept("SIG" + signal.getName()));
            } catch (IllegalArgumentException e) {
                // the signal is in use by the JVM (e.g. -Xrs) or unknown here: the default applies
            }
        }
    }
}

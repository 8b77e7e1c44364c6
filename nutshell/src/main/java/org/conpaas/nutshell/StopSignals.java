package org.conpaas.nutshell;

import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM (./conpaas down) stop the nutshell in order: services, broker, PostgreSQL.
 * Handled as signals, not only as a shutdown hook, because Qpid's own shutdown hook would
 * otherwise close the broker while the services are still stopping.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void onStop(Runnable stop) {
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(stop, "nutshell-" + name.toLowerCase()).start());
            } catch (IllegalArgumentException unsupported) {
                // not on this platform: the shutdown hook still stops everything
            }
        }
    }
}

package org.conpaas.agent;

import java.time.Duration;
import java.time.Instant;

/** Waits longer after each failure (doubling up to a maximum) until a deadline passes. */
final class Backoff {

    private final Duration maximum;
    private final Instant deadline;
    private Duration next;

    Backoff(Duration first, Duration maximum, Duration patience) {
        this.next = first;
        this.maximum = maximum;
        this.deadline = Instant.now().plus(patience);
    }

    /** Sleeps before the next try; false, without sleeping, when that try would start after the deadline. */
    boolean pause() throws InterruptedException {
        Duration wait = next;
        if (Instant.now().plus(wait).isAfter(deadline)) {
            return false;
        }
        next = next.multipliedBy(2).compareTo(maximum) > 0 ? maximum : next.multipliedBy(2);
        Thread.sleep(wait.toMillis());
        return true;
    }

    Duration nextPause() {
        return next;
    }
}

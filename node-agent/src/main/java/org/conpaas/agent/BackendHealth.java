package org.conpaas.agent;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * The backend's health for the release it runs: after a (re)start probed every 500 ms until an
 * answer comes (or the time is up), then checked at every heartbeat. The first result for a
 * release, and every change, is a line in service.log; the first also makes the agent heartbeat
 * at once (during a rolling update the control plane waits for it).
 */
final class BackendHealth {

    /** What the heartbeat reports: {@code healthy} null while the first probe of the release runs. */
    record State(long release, Boolean healthy, String detail) {
    }

    private static final Logger LOG = Logger.getLogger(BackendHealth.class.getName());
    private static final long PROBE_MILLIS = 500;

    private final HealthCheck check;
    private final ServiceLog log;
    private final Runnable onFirstResult;
    private volatile State state;
    /** Bumped by every probe and forget: a probe of an older generation stops. */
    private volatile long generation;
    private volatile boolean probing;

    BackendHealth(HealthCheck check, ServiceLog log, Runnable onFirstResult) {
        this.check = check;
        this.log = log;
        this.onFirstResult = onFirstResult;
    }

    /** The state for {@code release}, null before its first result. */
    State state(Release release) {
        State current = state;
        return release != null && current != null && current.release() == release.number() ? current : null;
    }

    /** Forgets the last result and stops a running probe (the backend restarts). */
    void forget() {
        generation++;
        probing = false;
        state = null;
    }

    /** Probes {@code release} in the background until it answers or {@code limit} is over. */
    void probe(Release release, Long releaseHeader, Duration limit) {
        long mine = ++generation;
        probing = true;
        state = null;
        Thread thread = new Thread(() -> {
            long deadline = System.nanoTime() + limit.toNanos();
            HealthCheck.Result result = null;
            try {
                while (generation == mine) {
                    result = check.check(release.healthPath(), releaseHeader, Duration.ofSeconds(10));
                    if (result.answered() || System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(PROBE_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (generation != mine || result == null) {
                return;
            }
            probing = false;
            record(release, result);
            onFirstResult.run();
        }, "health-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** At a heartbeat: checks again once the first probe is over. */
    void recheck(Release release, Long releaseHeader, Duration timeout) throws InterruptedException {
        if (probing || state(release) == null) {
            return;
        }
        long mine = generation;
        HealthCheck.Result result = check.check(release.healthPath(), releaseHeader, timeout);
        if (generation == mine) {
            record(release, result);
        }
    }

    private void record(Release release, HealthCheck.Result result) {
        State previous = state(release);
        state = new State(release.number(), result.healthy(), result.detail());
        if (previous == null || previous.healthy() != result.healthy()) {
            String line = "release " + release.number() + ": backend " + (result.healthy() ? "healthy" : "unhealthy") + " (" + result.detail() + ")";
            log.append("agent: " + line);
            LOG.info(line);
        }
    }
}

package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/** Waits for a mysql service's archive or load to end (DONE or FAILED), polling the director every second. */
final class DatabaseJobProgress {

    private static final Duration AT_MOST = Duration.ofMinutes(30);

    private DatabaseJobProgress() {
    }

    /** The job as it ended; a failure naming its detail when it FAILED, or when it did not end in time. */
    static JsonNode await(Director director, String path, String what) {
        long until = System.nanoTime() + AT_MOST.toNanos();
        while (System.nanoTime() < until) {
            JsonNode job = director.get(path);
            String state = job.path("state").asText();
            if ("DONE".equals(state)) {
                return job;
            }
            if ("FAILED".equals(state)) {
                throw new CliFailure(what + " failed: " + job.path("detail").asText("no reason given"));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(what + " interrupted; it goes on: " + path);
            }
        }
        throw new CliFailure(what + " did not end within " + AT_MOST.toMinutes() + " minutes; follow it with GET " + path);
    }
}

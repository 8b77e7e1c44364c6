package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Follows a release until its rollout ended: every node runs it (done), or a health check stopped
 * it (a failure naming the node and why; the nodes run the release before).
 */
final class ReleaseProgress {

    private final Supplier<JsonNode> service;
    private final PrintWriter out;
    private final Duration poll;

    ReleaseProgress(Supplier<JsonNode> service, PrintWriter out, Duration poll) {
        this.service = service;
        this.out = out;
        this.poll = poll;
    }

    /**
     * What every release command does once the director accepted its change: says so and returns
     * with {@code --no-wait}, else follows the release to its end.
     */
    static void followUnlessNoWait(Director director, String servicePath, JsonNode accepted, ServiceCommand.Waiting waiting,
                                   PrintWriter out) {
        if (waiting.noWait) {
            out.println("release " + accepted.path("release").path("number").asInt() + " (code version "
                    + accepted.path("release").path("codeVersion").asInt() + ") accepted");
            return;
        }
        new ReleaseProgress(() -> director.get(servicePath), out, Duration.ofSeconds(1)).await(accepted, Duration.ofSeconds(waiting.timeoutSeconds));
    }

    JsonNode await(JsonNode accepted, Duration timeout) {
        int number = accepted.path("release").path("number").asInt();
        out.println("release " + number + " (code version " + accepted.path("release").path("codeVersion").asInt() + "): rolling out");
        out.flush();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode now = service.get();
            JsonNode release = now.path("release");
            if (release.path("number").asInt() > number) {
                throw new CliFailure("release " + number + " was overtaken by release " + release.path("number").asInt());
            }
            String state = release.path("state").asText("");
            if (state.equals("ROLLED_OUT")) {
                out.println(release.path("detail").asText("release " + number + " runs on every node"));
                return now;
            }
            if (state.equals("STOPPED")) {
                throw new CliFailure(release.path("detail").asText("release " + number + " was stopped"));
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure("interrupted");
            }
        }
        throw new CliFailure("release " + number + " is still rolling out after " + timeout.toSeconds()
                + " s (cps service show follows it)");
    }
}

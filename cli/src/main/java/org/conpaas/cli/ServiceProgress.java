package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Follows a long operation (start, add-nodes, remove-nodes, stop) until the service settles:
 * prints each new state and each node's change as it comes, and ends when the lifecycle reached
 * the awaited state (done) or ERROR (a failed operation). Ctrl-C ends the waiting only; the
 * operation goes on at the director.
 */
final class ServiceProgress {

    private static final Set<String> SETTLED = Set.of("RUNNING", "STOPPED", "ERROR");

    private final Supplier<JsonNode> service;
    private final PrintWriter out;
    private final boolean verbose;
    private final Duration poll;
    private final Map<String, String> nodesSeen = new HashMap<>();
    private int historySeen;

    ServiceProgress(Supplier<JsonNode> service, PrintWriter out, boolean verbose, Duration poll) {
        this.service = service;
        this.out = out;
        this.verbose = verbose;
        this.poll = poll;
    }

    /** Takes note of the service before the operation, so only what comes after is shown and awaited. */
    void before(JsonNode current) {
        historySeen = current.path("history").size();
        current.path("nodes").forEach(n -> nodesSeen.put(n.path("id").asText(), describe(n)));
    }

    /** Waits for {@code awaited} (RUNNING or STOPPED) and answers the settled service. */
    JsonNode await(String awaited, Duration timeout) {
        if (verbose) {
            out.println("waiting for " + awaited + " (Ctrl-C stops waiting, not the operation)");
            out.flush();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int firstNew = historySeen;
        while (true) {
            JsonNode now = service.get();
            report(now);
            JsonNode history = now.path("history");
            if (history.size() > firstNew) {
                String last = history.get(history.size() - 1).path("to").asText();
                if (SETTLED.contains(last)) {
                    if ("ERROR".equals(last) || !awaited.equals(last)) {
                        String reason = history.get(history.size() - 1).path("reason").asText("");
                        throw new CliFailure("the service ended in " + last + (reason.isBlank() ? "" : ": " + reason));
                    }
                    return now;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure("the service is still " + now.path("state").asText() + " after " + timeout.toSeconds()
                        + " s; the operation goes on (cps service show follows it)");
            }
            sleep();
        }
    }

    private void report(JsonNode now) {
        if (!verbose) {
            return;
        }
        JsonNode history = now.path("history");
        for (int i = historySeen; i < history.size(); i++) {
            JsonNode change = history.get(i);
            String reason = change.path("reason").asText("");
            out.println("  " + change.path("to").asText() + (reason.isBlank() ? "" : "  (" + reason + ")"));
        }
        historySeen = Math.max(historySeen, history.size());
        for (JsonNode node : now.path("nodes")) {
            String id = node.path("id").asText();
            String line = describe(node);
            if (!line.equals(nodesSeen.put(id, line))) {
                out.println("    node " + line);
            }
        }
        out.flush();
    }

    private static String describe(JsonNode node) {
        StringBuilder line = new StringBuilder(node.path("id").asText()).append(' ')
                .append(node.path("role").asText()).append(' ').append(node.path("state").asText());
        for (String field : new String[]{"cloud", "address", "vpnAddress"}) {
            if (!node.path(field).isMissingNode() && !node.path(field).isNull()) {
                line.append(' ').append(field).append('=').append(node.path(field).asText());
            }
        }
        String detail = node.path("detail").asText("");
        return detail.isBlank() ? line.toString() : line + " (" + detail + ")";
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("stopped waiting; the operation goes on at the director");
        }
    }
}

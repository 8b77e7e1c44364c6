package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Follows a removal the director accepted (an application being deleted, a service being removed
 * after it stops) until it is gone: prints each service's state and node count as they change and
 * a line when a service is removed. Ctrl-C ends the waiting only; the removal goes on.
 */
final class RemovalProgress {

    private final Supplier<Optional<List<JsonNode>>> remaining;
    private final PrintWriter out;
    private final Duration poll;
    private final Map<String, String> seen = new HashMap<>();

    /** {@code remaining}: the services still there, or empty once the whole thing is gone. */
    RemovalProgress(Supplier<Optional<List<JsonNode>>> remaining, PrintWriter out, Duration poll) {
        this.remaining = remaining;
        this.out = out;
        this.poll = poll;
    }

    /** Waits until gone; a failure naming how to follow it when {@code timeout} passes first. */
    void await(String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<List<JsonNode>> now = remaining.get();
            report(now.orElse(List.of()));
            if (now.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure(what + " is still being removed after " + timeout.toSeconds()
                        + " s; the removal goes on (cps service list shows what is left)");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure("stopped waiting; the removal goes on at the director");
            }
        }
    }

    private void report(List<JsonNode> services) {
        Set<String> present = new HashSet<>();
        for (JsonNode s : services) {
            String name = s.path("name").asText();
            present.add(name);
            long nodes = 0;
            for (JsonNode n : s.path("nodes")) {
                if (!List.of("TERMINATED", "FAILED").contains(n.path("state").asText())) {
                    nodes++;
                }
            }
            String line = s.path("state").asText() + ", " + nodes + " node(s)";
            if (!line.equals(seen.put(name, line))) {
                out.println("  " + name + ": " + line);
            }
        }
        for (String gone : Set.copyOf(seen.keySet())) {
            if (!present.contains(gone)) {
                seen.remove(gone);
                out.println("  " + gone + ": removed");
            }
        }
        out.flush();
    }
}

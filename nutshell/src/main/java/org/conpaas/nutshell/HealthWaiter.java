package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Waits until every service says UP; names the one that did not, with the end of its log. */
final class HealthWaiter {

    static final int TAIL_LINES = 30;

    private final Duration timeout;
    private final Duration poll;

    HealthWaiter(Duration timeout, Duration poll) {
        this.timeout = timeout;
        this.poll = poll;
    }

    void awaitAll(List<ServiceProcess> services, Consumer<String> progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess s : List.copyOf(waiting)) {
                if (!s.isAlive()) {
                    throw new StartupFailed(s.spec().name() + " exited while starting; the end of " + s.log() + ":\n"
                            + tail(s.log()));
                }
                if (Health.up(s.spec().healthUrl())) {
                    progress.accept(s.spec().name() + " is up");
                    waiting.remove(s);
                }
            }
            if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
                ServiceProcess late = waiting.get(0);
                throw new StartupFailed(late.spec().name() + " did not become healthy within " + timeout.toSeconds()
                        + " s (" + late.spec().healthUrl() + "); the end of " + late.log() + ":\n" + tail(late.log()));
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(poll.toMillis());
            }
        }
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** A service that did not come up: the nutshell stops everything and exits non-zero. */
    static final class StartupFailed extends RuntimeException {
        StartupFailed(String message) {
            super(message);
        }
    }
}

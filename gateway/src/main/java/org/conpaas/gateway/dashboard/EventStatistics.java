package org.conpaas.gateway.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What operators see of the event stream since this gateway started: events per minute over the
 * last hour, the most recent events and the most recent failures. Kept in memory: a restarted
 * gateway starts counting again.
 */
class EventStatistics {

    static final int MINUTES = 60;

    private final Clock clock;
    private final int keep;
    private final Instant since;
    private final TreeMap<Instant, Integer> perMinute = new TreeMap<>();
    private final Deque<PlatformEvent> recent = new ArrayDeque<>();
    private final Deque<PlatformEvent> failures = new ArrayDeque<>();
    private final Map<String, Long> byType = new TreeMap<>();

    EventStatistics(Clock clock, int keep) {
        this.clock = clock;
        this.keep = keep;
        this.since = clock.instant();
    }

    synchronized void record(PlatformEvent event) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        perMinute.merge(minute, 1, Integer::sum);
        perMinute.headMap(minute.minus(MINUTES, ChronoUnit.MINUTES), true).clear();
        byType.merge(event.type(), 1L, Long::sum);
        push(recent, event);
        if (event.isFailure()) {
            push(failures, event);
        }
    }

    /** Counts for each of the last {@link #MINUTES} minutes, oldest first, including empty ones. */
    synchronized List<MinuteCount> perMinute() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<MinuteCount> counts = new ArrayList<>(MINUTES);
        for (int i = MINUTES - 1; i >= 0; i--) {
            Instant minute = now.minus(i, ChronoUnit.MINUTES);
            counts.add(new MinuteCount(minute, perMinute.getOrDefault(minute, 0)));
        }
        return counts;
    }

    synchronized List<PlatformEvent> recent(int limit) {
        return recent.stream().limit(limit).toList();
    }

    synchronized List<PlatformEvent> failures(int limit) {
        return failures.stream().limit(limit).toList();
    }

    synchronized Map<String, Long> byType() {
        return Map.copyOf(byType);
    }

    Instant since() {
        return since;
    }

    /** Newest first, at most {@code keep}. */
    private void push(Deque<PlatformEvent> events, PlatformEvent event) {
        events.addFirst(event);
        while (events.size() > keep) {
            events.removeLast();
        }
    }

    record MinuteCount(Instant minute, int count) {
    }
}

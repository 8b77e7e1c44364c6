package org.conpaas.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** What a soak saw: latency per call and overall, and every unexpected answer, counted by call and status. */
final class SoakResults {

    private final Latencies all = new Latencies();
    private final Map<String, Latencies> byCall = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, String> firstErrorBody = new TreeMap<>();
    private final AtomicLong requests = new AtomicLong();

    void record(String call, int expected, int status, String body, double millis) {
        requests.incrementAndGet();
        all.add(millis);
        synchronized (this) {
            byCall.computeIfAbsent(call, c -> new Latencies()).add(millis);
            if (status != expected) {
                String key = call + " → " + (status == 0 ? "no answer" : status) + " (expected " + expected + ")";
                errors.merge(key, 1L, Long::sum);
                firstErrorBody.putIfAbsent(key, body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body);
            }
        }
    }

    long requests() {
        return requests.get();
    }

    synchronized long errors() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    Latencies all() {
        return all;
    }

    synchronized String callTable() {
        StringBuilder out = new StringBuilder("| call | requests | p50 | p99 | max |\n|---|---|---|---|---|\n");
        byCall.forEach((call, l) -> out.append(String.format("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n",
                call, l.count(), l.quantile(0.5), l.quantile(0.99), l.max())));
        return out.toString();
    }

    synchronized String errorList() {
        StringBuilder out = new StringBuilder();
        errors.forEach((key, n) -> out.append("- ").append(key).append(": ").append(n).append("× (first answer: `")
                .append(firstErrorBody.get(key).replace('`', '\'').replace('\n', ' ')).append("`)\n"));
        return out.toString();
    }
}

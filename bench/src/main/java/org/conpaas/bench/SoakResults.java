package org.conpaas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What a soak saw: latency per call and overall, every unexpected answer counted by call and
 * status with when it came, and the network's consistency window — how often an application's
 * network was not there yet when its owner first asked, and how long after the create's answer it
 * was.
 */
final class SoakResults {

    private static final int INSTANTS_KEPT = 12;

    private final Latencies all = new Latencies();
    private final Map<String, Latencies> byCall = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, String> firstErrorBody = new TreeMap<>();
    private final Map<String, List<Double>> errorInstants = new TreeMap<>();
    private final Latencies networkVisibleAfterMiss = new Latencies();
    private final List<Double> networkMissInstants = new ArrayList<>();
    private long networkMisses;
    private long networkAsked;
    private final AtomicLong requests = new AtomicLong();
    private volatile long start = System.nanoTime();

    /** The traffic starts now: instants are reported from here. */
    void begin() {
        start = System.nanoTime();
    }

    /** One request, its answer judged against the status expected. */
    void record(String call, int expected, int status, String body, double millis) {
        timing(call, millis);
        if (status != expected) {
            String key = call + " → " + (status == 0 ? "no answer" : status) + " (expected " + expected + ")";
            synchronized (this) {
                errors.merge(key, 1L, Long::sum);
                firstErrorBody.putIfAbsent(key, body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body);
                List<Double> at = errorInstants.computeIfAbsent(key, k -> new ArrayList<>());
                if (at.size() < INSTANTS_KEPT) {
                    at.add(secondsIn());
                }
            }
        }
    }

    /** One request whose answer is judged later, by the request that settles it (a network asked again). */
    void timing(String call, double millis) {
        requests.incrementAndGet();
        all.add(millis);
        synchronized (this) {
            byCall.computeIfAbsent(call, c -> new Latencies()).add(millis);
        }
    }

    /** An application's network asked for by its owner, the round's first ask. */
    synchronized void networkAsked() {
        networkAsked++;
    }

    /** ...and it was not there yet. */
    synchronized void networkNotYet() {
        if (networkMissInstants.size() < INSTANTS_KEPT) {
            networkMissInstants.add(secondsIn());
        }
        networkMisses++;
    }


    /** ...and was there this long after the create's answer. */
    void networkVisible(double millisAfterCreate) {
        networkVisibleAfterMiss.add(millisAfterCreate);
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

    /** The consistency window line: misses, when, and how long until the network was there. */
    synchronized String networkWindow(long patienceMillis) {
        if (networkMisses == 0) {
            return String.format("Network: there on the first ask in all %d rounds.%n", networkAsked);
        }
        return String.format("Network: not there yet on the first ask in %d of %d rounds (at %s); there %.0f ms after the "
                        + "create's answer at the median of those, %.0f ms at most (the round asks again every 100 ms, "
                        + "for up to %d s after the create, as a client told \"allocated moments after\" would; still "
                        + "missing then counts as an error).%n",
                networkMisses, networkAsked, instants(networkMissInstants, networkMisses), networkVisibleAfterMiss.quantile(0.5),
                networkVisibleAfterMiss.max(), patienceMillis / 1000);
    }

    synchronized String errorList() {
        StringBuilder out = new StringBuilder();
        errors.forEach((key, n) -> out.append("- ").append(key).append(": ").append(n).append("× at ")
                .append(instants(errorInstants.get(key), n)).append(" (first answer: `")
                .append(firstErrorBody.get(key).replace('`', '\'').replace('\n', ' ')).append("`)\n"));
        return out.toString();
    }

    private double secondsIn() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** "m:ss" into the run, the first few of them. */
    private static String instants(List<Double> seconds, long total) {
        String shown = seconds.stream().map(s -> String.format("%d:%02d", (long) (s / 60), (long) (s % 60)))
                .collect(Collectors.joining(", "));
        return total > seconds.size() ? shown + ", …" : shown;
    }
}

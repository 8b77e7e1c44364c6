package org.conpaas.agent;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The proxy's requests over the last {@link #WINDOW_MILLIS}: their 95th percentile response time
 * (nearest rank) and how many arrived per second. What the control plane scales on.
 */
final class ResponseTimes {

    static final long WINDOW_MILLIS = 30_000;
    /** A bound on memory: beyond this many requests in a window the oldest are dropped. */
    private static final int MAX_SAMPLES = 200_000;

    private final Deque<long[]> samples = new ArrayDeque<>();

    /** A request answered at {@code atMillis} that took {@code millis}. */
    synchronized void record(long atMillis, double millis) {
        samples.addLast(new long[]{atMillis, Double.doubleToLongBits(millis)});
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
    }

    /** The 95th percentile in ms of the requests in the window ending at {@code nowMillis}; empty with none. */
    synchronized OptionalDouble p95(long nowMillis) {
        drop(nowMillis);
        if (samples.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] times = samples.stream().mapToDouble(sample -> Double.longBitsToDouble(sample[1])).toArray();
        Arrays.sort(times);
        int rank = (int) Math.ceil(0.95 * times.length);
        return OptionalDouble.of(times[rank - 1]);
    }

    /** Requests per second over the window ending at {@code nowMillis}; empty with none. */
    synchronized OptionalDouble rate(long nowMillis) {
        drop(nowMillis);
        return samples.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(samples.size() * 1000.0 / WINDOW_MILLIS);
    }

    private void drop(long nowMillis) {
        while (!samples.isEmpty() && samples.peekFirst()[0] <= nowMillis - WINDOW_MILLIS) {
            samples.removeFirst();
        }
    }

    /**
     * The response time in ms of one proxy access-log line as nginx sends it ({@code log_format conpaas
     * '$msec $status $request_time …'}, after the syslog header and tag); empty when it is not one.
     */
    static OptionalDouble requestMillis(String line) {
        String[] fields = line.strip().split(" ", 4);
        if (fields.length < 3 || !fields[0].matches("[0-9]+(\\.[0-9]+)?") || !fields[1].matches("[0-9]{3}")
                || !fields[2].matches("[0-9]+(\\.[0-9]+)?")) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(fields[2]) * 1000.0);
    }

    /** The access-log line in a syslog message from nginx ({@code <190>Nov 25 10:15:30 conpaas_proxy: …}), or null. */
    static String fromSyslog(String message) {
        String tag = NginxConfig.ACCESS_LOG_TAG + ": ";
        int at = message.indexOf(tag);
        return message.startsWith("<") && at > 0 ? message.substring(at + tag.length()).strip() : null;
    }
}

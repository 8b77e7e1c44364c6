package org.conpaas.bench;

import java.util.Arrays;

/** Latencies in milliseconds, collected from any thread, read as percentiles. */
final class Latencies {

    private double[] millis = new double[1024];
    private int count;

    synchronized void add(double ms) {
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = ms;
    }

    synchronized int count() {
        return count;
    }

    /** The q-th quantile (0.5 = median), 0 when nothing was recorded. */
    synchronized double quantile(double q) {
        if (count == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) (count * q))];
    }

    synchronized double max() {
        return quantile(1.0);
    }
}

package org.conpaas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 9's soak: a nutshell as users run it (embedded PostgreSQL and broker) under mixed traffic
 * through the gateway at a steady rate for {@code CONPAAS_SOAK_MINUTES} (default 10) —
 * {@value #SESSIONS} users each going round {@link SoakSession}'s ten calls, their requests spaced
 * evenly to make {@code CONPAAS_SOAK_RATE} (default 10) requests per second in all. Reports
 * requests, every unexpected status, latency, and each process's resident memory and live heap
 * (after a full collection, {@link LiveHeap}) sampled every minute, so a reader sees whether memory
 * stays flat and, if it does not, which classes grow. Not run in CI.
 */
final class SoakBenchmark {

    private static final int MINUTES = BenchSettings.integer("CONPAAS_SOAK_MINUTES", "conpaas.bench.soak.minutes", 10);
    private static final int RATE = BenchSettings.integer("CONPAAS_SOAK_RATE", "conpaas.bench.soak.rate", 10);
    private static final int SESSIONS = 4;

    String run() throws Exception {
        String load = BenchSettings.load();
        SoakResults results = new SoakResults();
        ServiceMemory memory;
        LiveHeap live = new LiveHeap();
        double seconds;
        try (RunningNutshell nutshell = new RunningNutshell()) {
            nutshell.awaitHealthy();
            String admin = nutshell.adminToken();
            List<SoakSession> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                nutshell.json("POST", "/api/users", admin, "{\"username\":\"soak" + s + "\",\"password\":\"soak-secret-" + s + "\"}");
                sessions.add(new SoakSession(nutshell, results, "soak" + s, "soak-secret-" + s));
            }
            memory = new ServiceMemory(nutshell.data, nutshell.process.pid());
            memory.sample();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    memory.sample();
                    live.sample(memory.processes());
                } catch (java.io.IOException e) {
                    System.err.println("memory sample failed: " + e);
                }
            }, 1, 1, TimeUnit.MINUTES);
            long start = System.nanoTime();
            results.begin();
            drive(sessions, start, start + TimeUnit.MINUTES.toNanos(MINUTES));
            seconds = (System.nanoTime() - start) / 1e9;
            sampler.shutdownNow();
            sampler.awaitTermination(2, TimeUnit.MINUTES);
            memory.sample();
            live.sample(memory.processes());
        }
        return report(results, memory, live, seconds, load);
    }

    /** Each session sends its next request at its own evenly spaced instants until {@code until}. */
    private static void drive(List<SoakSession> sessions, long start, long until) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) * SESSIONS / RATE;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            SoakSession session = sessions.get(s);
            long offset = interval * s / SESSIONS;
            Thread t = new Thread(() -> {
                try {
                    for (long k = 0; ; k++) {
                        long at = start + offset + k * interval;
                        if (at >= until) {
                            return;
                        }
                        long wait = at - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        session.next();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "soak-" + s);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String report(SoakResults results, ServiceMemory memory, LiveHeap live, double seconds, String load) {
        StringBuilder out = new StringBuilder("### soak: mixed traffic through the gateway for ").append(MINUTES).append(" minutes\n\n")
                .append("Measured with ").append(load).append(" at the start; the nutshell as `./conpaas up` runs it ")
                .append("(embedded PostgreSQL and broker, each service `-Xmx256m`, C1, SerialGC). ").append(SESSIONS)
                .append(" users round login → /api/me → list → create → rename → add service → list services → show → ")
                .append("network → delete, requests spaced evenly for ").append(RATE).append(" requests/s in all (the limit it is set to).\n\n")
                .append("| minutes | requests | achieved req/s | target req/s | errors | p50 | p99 | max |\n|---|---|---|---|---|---|---|---|\n")
                .append(String.format("| %.1f | %d | %.1f | %d | %d | %.1f ms | %.1f ms | %.1f ms |%n%n", seconds / 60, results.requests(),
                        results.requests() / seconds, RATE, results.errors(), results.all().quantile(0.5),
                        results.all().quantile(0.99), results.all().max()))
                .append(results.callTable()).append('\n')
                .append(results.networkWindow(SoakSession.NETWORK_PATIENCE_MILLIS))
                .append("\nResident memory, sampled at the start, every minute and at the end:\n\n")
                .append(memory.table())
                .append("\nLive heap — what each JVM still holds right after a full collection (`jcmd GC.class_histogram`, then ")
                .append("`GC.heap_info`), every minute and at the end (each sample a full collection in every JVM, one after another, ")
                .append("at each whole minute of the run); a leak shows here as a steady climb, ")
                .append("a lazily collected heap does not:\n\n")
                .append(live.table())
                .append("\nClasses whose live bytes grew most from the first of those samples to the last:\n\n")
                .append(live.growth());
        if (results.errors() > 0) {
            out.append("\nUnexpected answers:\n\n").append(results.errorList());
        }
        if (!memory.restarts().isEmpty()) {
            out.append("\nRestarted during the soak: ").append(String.join(", ", memory.restarts())).append('\n');
        }
        return out.toString();
    }
}

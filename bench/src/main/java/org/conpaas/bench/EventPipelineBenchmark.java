package org.conpaas.bench;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Issue 9's event-pipeline measure: app.created from app-service's commit to vpn-service's
 * handling (its network allocated and committed), through the real path — the event store as
 * outbox, app-service's tracking publisher (batches of up to 100 events, their confirms awaited
 * together before the batch's token moves on), the machine's RabbitMQ,
 * vpn-service's idempotent consumer and its AllocateNetworkCommand. A nutshell runs every service
 * on the machine's PostgreSQL and RabbitMQ (its own databases and exchange, removed afterwards).
 * Beside it, RabbitMQ's PerfTest on the same broker: persistent messages of the same size, a
 * durable queue, publisher confirms.
 */
final class EventPipelineBenchmark {

    private static final int PACED = 200;
    private static final int BURST = BenchSettings.integer("CONPAAS_EVENTS_BURST", "conpaas.bench.events.burst", 2000);
    private static final int BACKLOG = 1000;
    private static final int CLIENTS = 32;
    private static final int PERF_TEST_SECONDS = 20;

    String run() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "bench.events." + id;
        String prefix = "bench_ev_" + id + "_";
        String load = BenchSettings.load();
        StringBuilder out = new StringBuilder("### event pipeline: app.created from app-service's commit to vpn-service's handling\n\n")
                .append("Measured with ").append(load).append(" at the start.\n\n")
                .append("| phase | events | committed/s | published/s | handled/s | commit → second consumer p50 / p99 | commit → handled p50 / p99 / max |\n")
                .append("|---|---|---|---|---|---|---|\n");
        int bodyBytes;
        double handledPerSecond;
        double pacedP50;
        try (RunningNutshell nutshell = new RunningNutshell("--db-url", BenchDatabase.ADMIN_URL, "--db-user", BenchDatabase.USER,
                "--amqp-url", BenchBroker.URL, "--exchange", exchange, "--db-prefix", prefix,
                "--set", "conpaas.identity.token.access-ttl=2h")) {
            nutshell.awaitHealthy();
            try (AppCreatedProbe probe = new AppCreatedProbe(exchange)) {
                ApplicationCreator creator = new ApplicationCreator(nutshell.servicePorts + 2, userToken(nutshell));
                PipelineTimes times = new PipelineTimes(prefix + "app", prefix + "vpn");
                creator.create(20, 1);
                List<String> paced = creator.create(PACED, 1);
                List<String> burst = creator.create(BURST, CLIENTS);
                times.awaitHandled(20 + PACED + BURST);
                long vpnPid = Long.parseLong(Files.readString(nutshell.data.resolve("pids").resolve("vpn.pid")).strip());
                signal("STOP", vpnPid);
                List<String> backlog;
                Instant resumed;
                try {
                    backlog = creator.create(BACKLOG, CLIENTS);
                    awaitPublished(probe, backlog);
                } finally {
                    resumed = Instant.now();
                    signal("CONT", vpnPid);
                }
                times.awaitHandled(20 + PACED + BURST + BACKLOG);
                times.load();
                PipelineTimes.Phase p = times.phase(paced, probe, null);
                PipelineTimes.Phase b = times.phase(burst, probe, null);
                PipelineTimes.Phase d = times.phase(backlog, probe, resumed);
                row(out, "paced: one client, one create at a time", p);
                row(out, "burst: " + CLIENTS + " clients", b);
                out.append(String.format("| backlog: %d queued while vpn-service was stopped (SIGSTOP), then resumed | %d | %.0f | %.0f | %.0f (drain) | %.1f / %.1f ms | — |%n",
                        BACKLOG, d.events(), d.committedPerSecond(), d.publishedPerSecond(), d.handledPerSecond(),
                        d.toProbe().quantile(0.5), d.toProbe().quantile(0.99)));
                bodyBytes = probe.meanBodyBytes();
                handledPerSecond = b.handledPerSecond();
                pacedP50 = p.toHandled().quantile(0.5);
            }
        } finally {
            BenchDatabase.dropAll(prefix);
            BenchBroker.deleteExchangeAndQueues(exchange);
        }
        BrokerPerfTest.Result one = BrokerPerfTest.run(1, bodyBytes, PERF_TEST_SECONDS);
        BrokerPerfTest.Result many = BrokerPerfTest.run(100, bodyBytes, PERF_TEST_SECONDS);
        out.append("\n| limit on this machine (RabbitMQ PerfTest, same broker, ").append(PERF_TEST_SECONDS).append(" s, ")
                .append(bodyBytes).append("-byte persistent messages) | msg/s | publish → consume p50 / p99 | confirm p50 / p99 |\n|---|---|---|---|\n");
        for (BrokerPerfTest.Result r : List.of(one, many)) {
            out.append(String.format("| `%s` | %.0f | %.1f / %.1f ms | %.1f / %.1f ms |%n", r.command(), r.perSecond(),
                    r.p50Millis(), r.p99Millis(), r.confirmP50Millis(), r.confirmP99Millis()));
        }
        out.append(String.format("%nRatios: burst handled/s ÷ PerfTest with 100 unconfirmed messages (the publisher's pattern under load: "
                        + "a batch of up to 100 events, their confirms awaited together) = %.3f; ÷ PerfTest with one unconfirmed = %.2f. "
                        + "Unloaded commit → handled p50 ÷ PerfTest's publish → consume p50 = %.0f.%n",
                handledPerSecond / many.perSecond(), handledPerSecond / one.perSecond(), pacedP50 / Math.max(0.001, one.p50Millis())));
        return out.toString();
    }

    private static String userToken(RunningNutshell nutshell) throws Exception {
        nutshell.json("POST", "/api/users", nutshell.adminToken(), "{\"username\":\"events\",\"password\":\"events-secret-1\"}");
        return nutshell.json("POST", "/api/auth/login", null, "{\"username\":\"events\",\"password\":\"events-secret-1\"}")
                .get("accessToken").asText();
    }

    /** Waits (2 minutes at most) until the probe has seen every one of {@code ids}: all are on the broker. */
    private static void awaitPublished(AppCreatedProbe probe, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (ids.stream().anyMatch(i -> probe.arrival(i) == null) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        if (new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    private static void row(StringBuilder out, String phase, PipelineTimes.Phase p) {
        out.append(String.format("| %s | %d | %.0f | %.0f | %.0f | %.1f / %.1f ms | %.1f / %.1f / %.1f ms |%n", phase, p.events(),
                p.committedPerSecond(), p.publishedPerSecond(), p.handledPerSecond(), p.toProbe().quantile(0.5), p.toProbe().quantile(0.99),
                p.toHandled().quantile(0.5), p.toHandled().quantile(0.99), p.toHandled().max()));
    }
}

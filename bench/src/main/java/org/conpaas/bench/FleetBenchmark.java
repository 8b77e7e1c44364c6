package org.conpaas.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 22's fleet: how many nodes one control plane (the nutshell, as {@code ./conpaas up} runs
 * it) can watch on this machine. Nodes are requested through the API as a generic service on an
 * ec2 cloud whose EC2 endpoint is {@link SimulatedEc2} on loopback; each instance's user-data
 * boots a {@link SimulatedAgent} in this process, which enrolls with its token and heartbeats every
 * 10 s over mutual TLS through the gateway. The fleet grows step by step
 * ({@code CONPAAS_FLEET_SIZES}, default 500,1000,2000,5000,10000; it stops growing at the first size that misses the goal); at each size, after all are
 * RUNNING, heartbeats are measured for {@code CONPAAS_FLEET_WINDOW} seconds (default 60) with the
 * nodes wrongly failed and the CPU both sides used. Then one agent goes silent and the time to its
 * node's FAILED is set beside the heartbeat timeout. The limit: the same agents beating against
 * {@link HeartbeatFloor} (mutual TLS and the JSON, no platform work) at each size.
 */
final class FleetBenchmark {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofSeconds(20);
    private static final int PER_SERVICE = 100;
    private static final int PER_APPLICATION = 30;

    private record Step(int size, String reached, double launchSeconds, double rate, double p50, double p99, double max, long failed,
                        String failures, long late, long wronglyFailed, double platformCores, double fleetCores) {
    }

    String run() throws Exception {
        List<Integer> sizes = Arrays.stream(System.getenv().getOrDefault("CONPAAS_FLEET_SIZES", "500,1000,2000,5000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int windowSeconds = Integer.parseInt(System.getenv().getOrDefault("CONPAAS_FLEET_WINDOW", "60"));
        List<Step> steps = new ArrayList<>();
        List<Step> floorSteps = new ArrayList<>();
        String silent;
        double idleCores;
        try (HeartbeatFloor floor = new HeartbeatFloor(); Fleet fleet = new Fleet(INTERVAL, floor.certificate);
             SimulatedEc2 ec2 = new SimulatedEc2(fleet::boot, fleet::halt)) {
            X509Certificate ca;
            try (RunningNutshell nutshell = new RunningNutshell(
                    "--set", "conpaas.clouds.definitions.sim.driver=ec2",
                    "--set", "conpaas.clouds.definitions.sim.region=eu-west-1",
                    "--set", "conpaas.clouds.definitions.sim.image-id=ami-0abcdef1234567890",
                    "--set", "conpaas.clouds.definitions.sim.instance-type=t3.micro",
                    "--set", "conpaas.clouds.definitions.sim.endpoint=" + ec2.endpoint(),
                    "--set", "conpaas.clouds.definitions.sim.access-key-id=bench",
                    "--set", "conpaas.clouds.definitions.sim.secret-access-key=bench",
                    "--set", "conpaas.services.clouds.sim.images=conpaas-node",
                    "--set", "conpaas.identity.max-credit=100000000",
                    "--set", "conpaas.nodes.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toSeconds() + "s")) {
                nutshell.awaitHealthy();
                Thread.sleep(10_000);
                double idleBefore = Cpu.seconds(nutshell.process.toHandle());
                Thread.sleep(IDLE.toMillis());
                idleCores = (Cpu.seconds(nutshell.process.toHandle()) - idleBefore) / IDLE.toSeconds();
                ca = certificate(nutshell.data.resolve("director").resolve("ca.pem"));
                fleet.director(URI.create("https://127.0.0.1:" + nutshell.port), ca);
                String password = Files.readString(nutshell.data.resolve("postgres-password")).strip();
                try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (nutshell.servicePorts + 8)
                        + "/conpaas_provisioning", "postgres", password)) {
                    Growth growth = new Growth(nutshell);
                    for (int size : sizes) {
                        long start = System.nanoTime();
                        growth.to(size);
                        int running = awaitRunning(db, size);
                        double launch = (System.nanoTime() - start) / 1e9;
                        Step step = measure(size, running, launch, fleet, windowSeconds, nutshell.process.toHandle(), db);
                        steps.add(step);
                        System.out.println("fleet: " + step);
                        if (running < size || step.p99() > 100 || step.wronglyFailed() > 0) {
                            break;
                        }
                    }
                    silent = silence(fleet, db);
                }
            }
            fleet.reportTo(floor.start(ca));
            for (Step step : steps) {
                fleet.activate(step.size());
                Thread.sleep(INTERVAL.plusSeconds(2).toMillis());
                Step limit = measure(step.size(), step.size(), 0, fleet, windowSeconds, null, null);
                floorSteps.add(limit);
                System.out.println("fleet floor: " + limit);
            }
        }
        return table(steps, floorSteps, windowSeconds, silent, idleCores);
    }

    /**
     * Nodes requested as many users' services would be: generic services of {@value #PER_SERVICE}
     * nodes each on the sim cloud, {@value #PER_APPLICATION} services to an application.
     */
    private static final class Growth {

        private final RunningNutshell nutshell;
        private String application;
        private int services;
        private int requested;

        Growth(RunningNutshell nutshell) throws Exception {
            this.nutshell = nutshell;
            // a user of its own whose credit pays every node's first hours
            nutshell.json("POST", "/api/users", nutshell.adminToken(),
                    "{\"username\":\"fleet\",\"password\":\"fleet-secret-1\",\"credit\":50000000}");
        }

        void to(int size) throws Exception {
            String token = nutshell.json("POST", "/api/auth/login", null,
                    "{\"username\":\"fleet\",\"password\":\"fleet-secret-1\"}").get("accessToken").asText();
            while (requested < size) {
                if (services % PER_APPLICATION == 0) {
                    application = "/api/apps/" + nutshell.json("POST", "/api/apps", token,
                            "{\"name\":\"fleet-" + services / PER_APPLICATION + "\"}").get("id").asText();
                    for (int i = 0; i < 120 && nutshell.call("GET", application + "/network", token, null).statusCode() != 200; i++) {
                        Thread.sleep(250);
                    }
                }
                String service = application + "/services/" + nutshell.json("POST", application + "/services", token,
                        "{\"type\":\"generic\",\"name\":\"fleet-" + services + "\",\"cloud\":\"sim\"}").get("id").asText();
                services++;
                NodeStartBenchmark.upload(nutshell, token, service);
                int nodes = Math.min(PER_SERVICE, size - requested);
                nutshell.json("POST", service + "/start", token, "{\"nodes\":" + nodes + "}");
                requested += nodes;
            }
        }
    }

    /** Waits until {@code size} nodes are RUNNING, or until none more has come for three minutes; how many are. */
    private static int awaitRunning(Connection db, int size) throws Exception {
        int running = 0;
        long progressed = System.nanoTime();
        while (running < size && System.nanoTime() - progressed < Duration.ofMinutes(3).toNanos()) {
            Thread.sleep(1000);
            int now = states(db).getOrDefault("RUNNING", 0);
            if (now > running) {
                progressed = System.nanoTime();
            }
            running = now;
        }
        return running;
    }

    private static Step measure(int size, int running, double launch, Fleet fleet, int seconds, ProcessHandle platform, Connection db)
            throws Exception {
        int failedBefore = db == null ? 0 : states(db).getOrDefault("FAILED", 0);
        double platformBefore = platform == null ? 0 : Cpu.seconds(platform);
        double fleetBefore = Cpu.ownSeconds(ProcessHandle.current());
        Fleet.Window window = fleet.newWindow();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        fleet.newWindow();
        double platformCores = platform == null ? 0 : (Cpu.seconds(platform) - platformBefore) / elapsed;
        double fleetCores = (Cpu.ownSeconds(ProcessHandle.current()) - fleetBefore) / elapsed;
        long wronglyFailed = db == null ? 0 : states(db).getOrDefault("FAILED", 0) - failedBefore;
        return new Step(size, running + " of " + size, launch, window.answered.get() / elapsed, window.latencies.quantile(0.5),
                window.latencies.quantile(0.99), window.latencies.max(), window.failed(), window.failureSummary(), window.late.get(),
                wronglyFailed, platformCores, fleetCores);
    }

    /** One agent stops beating: how long until the watchdog fails its node. */
    private static String silence(Fleet fleet, Connection db) throws Exception {
        String node = fleet.silenceOne();
        long start = System.nanoTime();
        while (System.nanoTime() - start < HEARTBEAT_TIMEOUT.multipliedBy(3).toNanos()) {
            try (var query = db.prepareStatement("SELECT state FROM node WHERE id = ?")) {
                query.setString(1, node);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && (row.getString(1).equals("FAILED") || row.getString(1).equals("TERMINATED"))) {
                        return String.format("a node whose agent went silent was FAILED %.1f s later (heartbeat timeout %d s, "
                                + "checked every 5 s, its last beat up to %d s before it went silent)",
                                (System.nanoTime() - start) / 1e9, HEARTBEAT_TIMEOUT.toSeconds(), INTERVAL.toSeconds());
                    }
                }
            }
            Thread.sleep(500);
        }
        return "a node whose agent went silent was NOT failed within " + HEARTBEAT_TIMEOUT.multipliedBy(3).toSeconds() + " s";
    }

    private static Map<String, Integer> states(Connection db) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("SELECT state, count(*) FROM node GROUP BY state")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String table(List<Step> steps, List<Step> floor, int seconds, String silent, double idleCores) {
        StringBuilder table = new StringBuilder("### fleet: simulated nodes heartbeating every 10 s through the gateway\n\n"
                + "| nodes | RUNNING | launched in | heartbeats/s | p50 | p99 | max | failed | late | wrongly failed "
                + "| platform CPU | fleet CPU | limit: the floor (heartbeats, p99, CPU of fleet and floor) | ratio (p99 floor / p99) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Step f = i < floor.size() ? floor.get(i) : null;
            table.append(String.format("| %d | %s | %.0f s | %.0f | %.1f ms | %.1f ms | %.0f ms | %d%s | %d | %d | %.2f cores | %.2f cores | %s | %s |%n",
                    s.size(), s.reached(), s.launchSeconds(), s.rate(), s.p50(), s.p99(), s.max(), s.failed(),
                    s.failed() == 0 ? "" : " " + s.failures(), s.late(), s.wronglyFailed(), s.platformCores(), s.fleetCores(),
                    f == null ? "—" : String.format("%.0f/s, p99 %.1f ms, %.2f cores", f.rate(), f.p99(), f.fleetCores()),
                    f == null || s.p99() == 0 ? "—" : String.format("%.2f", f.p99() / s.p99())));
        }
        return table.append(String.format("%n%s. Each row: %d s of heartbeats once every node of that size is RUNNING; "
                + "goal p99 ≤ 100 ms, none failed wrongly (issue 22). The nodes are a generic service on an ec2 cloud whose "
                + "endpoint is a simulated EC2 on loopback; the agents (one process, two event-loop threads, one mutual-TLS "
                + "connection each) enroll with their one-time tokens like node-agent; platform CPU is the nutshell's processes "
                + "(services, PostgreSQL, RabbitMQ; %.2f cores when idle, measured for %d s before the fleet), fleet CPU this "
                + "benchmark's. `./bench/run fleet` (CONPAAS_FLEET_SIZES, CONPAAS_FLEET_WINDOW)%n", silent, seconds, idleCores,
                IDLE.toSeconds())).toString();
    }
}

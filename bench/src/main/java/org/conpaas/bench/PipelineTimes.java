package org.conpaas.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each application's app.created was committed and when it was handled, as the services
 * themselves recorded it: app-service's {@code application.created_at} is the ApplicationCreated
 * event's timestamp (taken in the command, committed with it); vpn-service's
 * {@code vpn_network.allocated_at} is the timestamp of the NetworkAllocated event its app.created
 * handler applies (committed with the handling). Both clocks are this machine's.
 */
final class PipelineTimes {

    record Phase(int events, double committedPerSecond, double publishedPerSecond, double handledPerSecond,
                 Latencies toProbe, Latencies toHandled) {
    }

    private final String appDb;
    private final String vpnDb;
    private final Map<String, Instant> committed = new HashMap<>();
    private final Map<String, Instant> handled = new HashMap<>();

    PipelineTimes(String appDb, String vpnDb) {
        this.appDb = appDb;
        this.vpnDb = vpnDb;
    }

    /** Waits (5 minutes at most) until vpn-service has handled {@code total} app.created events. */
    void awaitHandled(long total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count(vpnDb, "SELECT count(*) FROM vpn_network") < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vpn-service handled only " + count(vpnDb, "SELECT count(*) FROM vpn_network")
                        + " of " + total + " app.created events in 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    void load() throws SQLException {
        read(appDb, "SELECT id::text, created_at FROM application", committed);
        read(vpnDb, "SELECT application_id, allocated_at FROM vpn_network", handled);
    }

    /**
     * Rates and latencies of the applications {@code ids}: committed/s over the commits' span,
     * published/s from the first commit to the probe's last arrival, handled/s from the first
     * commit (or {@code handlingFrom}, if not null) to the last handling.
     */
    Phase phase(List<String> ids, AppCreatedProbe probe, Instant handlingFrom) {
        Latencies toProbe = new Latencies();
        Latencies toHandled = new Latencies();
        Instant firstCommit = Instant.MAX;
        Instant lastCommit = Instant.MIN;
        Instant lastHandled = Instant.MIN;
        Instant lastPublished = Instant.MIN;
        for (String id : ids) {
            Instant c = committed.get(id);
            Instant h = handled.get(id);
            Instant p = probe.arrival(id);
            if (c == null || h == null) {
                throw new IllegalStateException("application " + id + " committed " + c + ", handled " + h);
            }
            firstCommit = c.isBefore(firstCommit) ? c : firstCommit;
            lastCommit = c.isAfter(lastCommit) ? c : lastCommit;
            lastHandled = h.isAfter(lastHandled) ? h : lastHandled;
            toHandled.add(Duration.between(c, h).toNanos() / 1e6);
            if (p != null) {
                lastPublished = p.isAfter(lastPublished) ? p : lastPublished;
                toProbe.add(Duration.between(c, p).toNanos() / 1e6);
            }
        }
        Instant from = handlingFrom == null ? firstCommit : handlingFrom;
        return new Phase(ids.size(), ids.size() / seconds(firstCommit, lastCommit), toProbe.count() / seconds(firstCommit, lastPublished),
                ids.size() / seconds(from, lastHandled), toProbe, toHandled);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(1, Duration.between(from, to).toNanos()) / 1e9;
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void read(String db, String sql, Map<String, Instant> into) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                into.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(BenchDatabase.urlOf(db), BenchDatabase.USER, BenchDatabase.PASSWORD);
    }
}

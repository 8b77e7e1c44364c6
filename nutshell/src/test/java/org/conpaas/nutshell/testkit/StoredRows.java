package org.conpaas.nutshell.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many rows every table of every service's database holds: taken before and after a request,
 * it shows whether the request stored anything (an event, a read-model row, a certificate, a
 * token) anywhere.
 */
public final class StoredRows implements AutoCloseable {

    /**
     * Written by event consumers in the background (which integration events a service has handled,
     * its tracking tokens): a request can only reach them through an event, which its own service
     * stores first — in a table counted here.
     */
    private static final List<String> CONSUMER_BOOKKEEPING = List.of("processed_event", "token_entry");

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String> countQueries = new LinkedHashMap<>();

    private StoredRows() {
    }

    public static StoredRows of(RunningNutshell nutshell) throws SQLException {
        StoredRows rows = new StoredRows();
        for (String service : RunningNutshell.SERVICES) {
            Connection c = DriverManager.getConnection(nutshell.databaseUrl(service), RunningNutshell.databaseUser(),
                    RunningNutshell.databasePassword());
            rows.connections.put(service, c);
            List<String> counts = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet tables = s.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (tables.next()) {
                    String table = tables.getString(1);
                    if (CONSUMER_BOOKKEEPING.contains(table)) {
                        continue;
                    }
                    counts.add("SELECT '" + service + "." + table + "', count(*) FROM \"" + table + "\"");
                }
            }
            rows.countQueries.put(service, String.join(" UNION ALL ", counts));
        }
        return rows;
    }

    /** service.table → rows, now. */
    public Map<String, Long> count() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var e : connections.entrySet()) {
            try (Statement s = e.getValue().createStatement(); ResultSet rs = s.executeQuery(countQueries.get(e.getKey()))) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /**
     * The counts once the consumers of earlier events are done: unchanged for {@code quiet}
     * (an accepted request's events go on being handled — a network made for a new application —
     * after its answer). Gives up waiting after 30 s and returns the last counts.
     */
    public Map<String, Long> settled(java.time.Duration quiet) throws SQLException, InterruptedException {
        Map<String, Long> last = count();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(quiet.toMillis());
            Map<String, Long> now = count();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The tables that hold more rows {@code after} than {@code before}. */
    public static List<String> grown(Map<String, Long> before, Map<String, Long> after) {
        List<String> grown = new ArrayList<>();
        after.forEach((table, n) -> {
            if (n > before.getOrDefault(table, 0L)) {
                grown.add(table + " +" + (n - before.getOrDefault(table, 0L)));
            }
        });
        return grown;
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : connections.values()) {
            c.close();
        }
    }
}

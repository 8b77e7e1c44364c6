package org.conpaas.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The limit an event store is measured against: rows of a given size inserted into a plain table
 * (a bigserial key and one bytea column) with JDBC batches, one commit per batch, and read back
 * with a plain streaming scan — what PostgreSQL does without Axon's columns, indexes and
 * serialisation.
 */
final class RawRows {

    private final BenchDatabase db;

    RawRows(BenchDatabase db) throws SQLException {
        this.db = db;
        db.jdbc.execute("CREATE TABLE IF NOT EXISTS bench_raw_row (id BIGSERIAL PRIMARY KEY, body BYTEA NOT NULL)");
    }

    /** Inserts {@code rows} rows of {@code bytes} bytes, {@code perCommit} to a transaction; returns seconds. */
    double insert(int rows, int perCommit, int bytes) throws SQLException {
        byte[] body = new byte[bytes];
        long start = System.nanoTime();
        try (Connection c = db.dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO bench_raw_row (body) VALUES (?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= rows; i++) {
                body[i % bytes] = (byte) i;
                insert.setBytes(1, body);
                insert.addBatch();
                if (i % perCommit == 0 || i == rows) {
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Streams {@code select} (every column read), 1000 rows a fetch; returns {rows, seconds}. */
    double[] scan(String select) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery(select)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int col = 1; col <= columns; col++) {
                            rs.getObject(col);
                        }
                        rows++;
                    }
                }
            }
            c.commit();
        }
        return new double[]{rows, (System.nanoTime() - start) / 1e9};
    }
}

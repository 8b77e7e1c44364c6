package org.conpaas.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of the benchmark's own ({@code bench_…}) on the machine's PostgreSQL
 * (127.0.0.1:5432, user postgres, or CONPAAS_BENCH_PG_URL / _USER / _PASSWORD), dropped on close.
 */
final class BenchDatabase implements AutoCloseable {

    static final String ADMIN_URL = env("CONPAAS_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("CONPAAS_BENCH_PG_USER", "postgres");
    static final String PASSWORD = env("CONPAAS_BENCH_PG_PASSWORD", "");

    final String name;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final DataSourceTransactionManager transactions;

    BenchDatabase(String purpose) throws SQLException {
        name = ("bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(urlOf(name));
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    /** Runs SQL scripts from the classpath, e.g. the kit's event-store schema or a service's migrations. */
    void runScripts(List<String> classpathResources) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        classpathResources.forEach(r -> populator.addScript(new ClassPathResource(r)));
        populator.execute(dataSource);
    }

    static String urlOf(String database) {
        int slash = ADMIN_URL.lastIndexOf('/');
        return ADMIN_URL.substring(0, slash + 1) + database;
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Drops every database whose name starts with {@code prefix} (which must start with bench_). */
    static void dropAll(String prefix) throws SQLException {
        if (!prefix.startsWith("bench_")) {
            throw new IllegalArgumentException("only bench_ databases are dropped, not " + prefix);
        }
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String db : names) {
            admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

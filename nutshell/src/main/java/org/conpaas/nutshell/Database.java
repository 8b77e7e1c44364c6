package org.conpaas.nutshell;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL server the nutshell makes one database per service in. */
record Database(String adminUrl, String user, String password) {

    /** Creates {@code name} unless it exists; returns its JDBC URL. */
    String ensure(String name) throws SQLException {
        if (!name.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("database name '" + name + "' must be 1..63 of a-z, 0-9, _");
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        }
        return urlOf(name);
    }

    String urlOf(String name) {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
    }
}

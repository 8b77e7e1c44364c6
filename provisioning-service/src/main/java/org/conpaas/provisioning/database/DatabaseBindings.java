package org.conpaas.provisioning.database;

import org.conpaas.contracts.service.ServiceBinding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Bindings of php and java services to mysql services. Each binding has an account of its own on
 * the mysql service's servers (a random name and password, every right on the binding's database):
 * the mysql service's applying node is told the whole list of its service's accounts until it
 * reports that list in place, and the bound service's backends get the account and a member's
 * address as CONPAAS_MYSQL_* variables. A binding a release no longer has is forgotten, and with it
 * its account on the servers.
 */
@Component
public class DatabaseBindings {

    /** An account as the mysql node makes it. */
    public record Account(String user, String password, String database) {
        @Override
        public String toString() {
            return "Account[" + user + " on " + database + "]";
        }
    }

    /** The accounts of a mysql service and their hash (the node reports the hash it applied). */
    public record Accounts(String hash, List<Account> accounts) {
        @Override
        public String toString() {
            return "Accounts[" + hash + ", " + accounts.size() + "]";
        }
    }

    private record Row(String dbServiceId, String database, String serviceName, String user, String password) {
    }

    private final JdbcTemplate jdbc;
    private final DatabaseNodes nodes;

    DatabaseBindings(JdbcTemplate jdbc, DatabaseNodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    /** The bound service's newest release is bound to {@code bindings}: accounts for new ones, the others' dropped. */
    public void follow(String clientServiceId, List<ServiceBinding> bindings) {
        List<String> kept = bindings.stream().map(b -> b.serviceId().value()).toList();
        for (Row row : rowsOf(clientServiceId)) {
            if (!kept.contains(row.dbServiceId())) {
                jdbc.update("DELETE FROM database_binding WHERE db_service_id = ? AND client_service_id = ?", row.dbServiceId(),
                        clientServiceId);
            }
        }
        for (ServiceBinding binding : bindings) {
            jdbc.update("""
                            INSERT INTO database_binding (db_service_id, client_service_id, database_name, service_name, username, password)
                            VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (db_service_id, client_service_id) DO UPDATE SET database_name = EXCLUDED.database_name""",
                    binding.serviceId().value(), clientServiceId, binding.database(), binding.serviceName(),
                    "cpb_" + DatabaseCredentials.random(12).toLowerCase(Locale.ROOT), DatabaseCredentials.random(32));
        }
    }

    /** A removed service's bindings go, whether it was the bound one or the mysql one. */
    public void forget(String serviceId) {
        jdbc.update("DELETE FROM database_binding WHERE client_service_id = ? OR db_service_id = ?", serviceId, serviceId);
    }

    /** Every account the mysql service's servers are to have, and their hash. */
    Accounts accountsOf(String dbServiceId) {
        List<Account> accounts = jdbc.query("""
                        SELECT username, password, database_name FROM database_binding WHERE db_service_id = ? ORDER BY username""",
                (rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3)), dbServiceId);
        return new Accounts(hash(accounts), accounts);
    }

    /** The applying node of the mysql service has the accounts of {@code hash} in place. */
    void applied(String dbServiceId, String hash) {
        jdbc.update("UPDATE database_service SET accounts_hash = ? WHERE service_id = ?", hash, dbServiceId);
    }

    /** True when the mysql service's servers have the accounts they are to have. */
    boolean inPlace(String dbServiceId, Accounts wanted) {
        return jdbc.queryForList("SELECT accounts_hash FROM database_service WHERE service_id = ?", String.class, dbServiceId).stream()
                .anyMatch(wanted.hash()::equals);
    }

    /** Null when every account of {@code bindings} is in place on its servers, else why not (for a person). */
    public String notReady(String clientServiceId, List<ServiceBinding> bindings) {
        Map<String, Row> rows = rowsOf(clientServiceId).stream().collect(Collectors.toMap(Row::dbServiceId, r -> r));
        for (ServiceBinding binding : bindings) {
            Row row = rows.get(binding.serviceId().value());
            if (row == null || !inPlace(binding.serviceId().value(), accountsOf(binding.serviceId().value()))) {
                return "the account of the binding to mysql service " + binding.serviceName() + " is not made yet (no node of it is"
                        + " in its cluster)";
            }
        }
        return null;
    }

    /**
     * The CONPAAS_MYSQL_* variables of a bound service's node: per binding, prefixed by the mysql
     * service's name (CONPAAS_MYSQL_DB_HOST, …), and unprefixed when there is one binding. The
     * host is one member of the cluster, the same for a node as long as that member is in it
     * (highest random weight of node and member: members coming and going move few nodes).
     */
    public Map<String, String> environment(String clientServiceId, String nodeId, List<ServiceBinding> bindings) {
        Map<String, Row> rows = rowsOf(clientServiceId).stream().collect(Collectors.toMap(Row::dbServiceId, r -> r));
        Map<String, String> variables = new LinkedHashMap<>();
        for (ServiceBinding binding : bindings) {
            Row row = rows.get(binding.serviceId().value());
            if (row == null) {
                continue;
            }
            Map<String, String> one = variables(row, nodeId);
            String prefix = "CONPAAS_MYSQL_" + row.serviceName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
            one.forEach((name, value) -> variables.put(prefix + name, value));
            if (bindings.size() == 1) {
                one.forEach((name, value) -> variables.put("CONPAAS_MYSQL_" + name, value));
            }
        }
        return variables;
    }

    private Map<String, String> variables(Row row, String nodeId) {
        List<String> members = nodes.aliveOf(row.dbServiceId()).stream()
                .filter(n -> n.member() && n.host() != null && n.port(DatabaseReport.MYSQL) != null)
                .map(n -> address(n.host(), n.port(DatabaseReport.MYSQL))).toList();
        Map<String, String> variables = new LinkedHashMap<>();
        Optional<String> chosen = members.stream().max(Comparator.comparing(member -> hash(nodeId + "|" + member)));
        chosen.ifPresent(member -> {
            int colon = member.lastIndexOf(':');
            variables.put("HOST", member.substring(0, colon).replace("[", "").replace("]", ""));
            variables.put("PORT", member.substring(colon + 1));
        });
        variables.put("HOSTS", String.join(",", members));
        variables.put("DATABASE", row.database());
        variables.put("USER", row.user());
        variables.put("PASSWORD", row.password());
        return variables;
    }

    private static String address(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private List<Row> rowsOf(String clientServiceId) {
        return jdbc.query("""
                        SELECT db_service_id, database_name, service_name, username, password FROM database_binding
                        WHERE client_service_id = ?""",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), clientServiceId);
    }

    private static String hash(List<Account> accounts) {
        return hash(accounts.stream().map(a -> a.user() + ":" + a.password() + ":" + a.database()).collect(Collectors.joining("\n")));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

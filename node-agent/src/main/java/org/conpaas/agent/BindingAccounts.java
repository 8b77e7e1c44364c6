package org.conpaas.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The accounts a mysql service's servers are to have for the web services bound to it, with the
 * director's hash of that list: each account has every right on its database (made when missing),
 * and accounts of bindings that ended ({@value #PREFIX}… not in the list) are dropped. Names,
 * passwords and databases are checked before any goes into SQL; a list with one bad entry is
 * refused whole.
 */
record BindingAccounts(String hash, List<Account> accounts) {

    static final String PREFIX = "cpb_";

    record Account(String user, String password, String database) {
        @Override
        public String toString() {
            return "Account[" + user + " on " + database + "]";
        }
    }

    @Override
    public String toString() {
        return "BindingAccounts[" + hash + ", " + accounts.size() + "]";
    }

    /** From the answer's {@code accounts} and {@code accountsHash}; empty when absent. */
    static Optional<BindingAccounts> from(Object accounts, Object hash) {
        if (accounts == null && hash == null) {
            return Optional.empty();
        }
        if (!(hash instanceof String h) || !h.matches("[0-9a-f]{64}") || !(accounts instanceof List<?> entries)) {
            throw new IllegalArgumentException("galera.accounts must come with galera.accountsHash (64 hexadecimal digits)");
        }
        List<Account> list = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields) || !(fields.get("user") instanceof String user) || !user.matches("cpb_[a-z0-9]{4,60}")
                    || !(fields.get("password") instanceof String password) || !password.matches("[A-Za-z0-9]{16,128}")
                    || !(fields.get("database") instanceof String database) || !database.matches("[a-z0-9_]{1,64}")
                    || Set.of("mysql", "information_schema", "performance_schema", "sys").contains(database)) {
                throw new IllegalArgumentException("galera.accounts holds an account the node cannot make: a user cpb_…, a password"
                        + " of 16 to 128 letters and digits and a database of lower-case letters, digits and _");
            }
            list.add(new Account(user, password, database));
        }
        return Optional.of(new BindingAccounts(h, List.copyOf(list)));
    }

    /** The statements that make every account (or bring its password and rights in line). */
    String apply() {
        StringBuilder sql = new StringBuilder();
        for (Account a : accounts) {
            String account = "'" + a.user() + "'@'%'";
            sql.append("CREATE DATABASE IF NOT EXISTS `").append(a.database()).append("`;\n")
                    .append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(a.password()).append("';\n")
                    .append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(a.password()).append("';\n")
                    .append("REVOKE ALL PRIVILEGES, GRANT OPTION FROM ").append(account).append(";\n")
                    .append("GRANT ALL PRIVILEGES ON `").append(a.database()).append("`.* TO ").append(account).append(";\n");
        }
        return sql.toString();
    }

    /** The statement listing the binding accounts the server has. */
    static String existing() {
        return "SELECT User FROM mysql.user WHERE User LIKE '" + PREFIX.replace("_", "\\\\_") + "%';\n";
    }

    /** The statements that drop the accounts of {@code existing} that are not in the list. */
    String dropOthers(List<String> existing) {
        Set<String> wanted = accounts.stream().map(Account::user).collect(Collectors.toSet());
        return existing.stream().filter(user -> user.matches("cpb_[a-z0-9]{4,60}") && !wanted.contains(user))
                .map(user -> "DROP USER IF EXISTS '" + user + "'@'%';\n").collect(Collectors.joining());
    }
}

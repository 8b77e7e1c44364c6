package org.conpaas.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where this node's Debian packages put what a mysql node needs: the MariaDB server, its
 * data-directory installer, client and dump tool ({@code mariadb-server}), the Galera library ({@code galera-4})
 * and rsync, which carries a full state transfer to a joining node.
 */
record MariaDb(Optional<Path> server, Optional<Path> installDb, Optional<Path> client, Optional<Path> galera, Optional<Path> rsync,
               Optional<Path> dump) {

    static MariaDb onThisNode() {
        return new MariaDb(executable("/usr/sbin/mariadbd"), executable("/usr/bin/mariadb-install-db"), executable("/usr/bin/mariadb"),
                Files.isRegularFile(Path.of("/usr/lib/galera/libgalera_smm.so")) ? Optional.of(Path.of("/usr/lib/galera/libgalera_smm.so"))
                        : Optional.empty(), executable("/usr/bin/rsync"), executable("/usr/bin/mariadb-dump"));
    }

    private static Optional<Path> executable(String path) {
        return Files.isExecutable(Path.of(path)) ? Optional.of(Path.of(path)) : Optional.empty();
    }

    /** What the node lacks, as a heartbeat detail naming what to install; empty when nothing. */
    Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (server.isEmpty() || installDb.isEmpty() || client.isEmpty() || dump.isEmpty()) {
            missing.add("MariaDB");
        }
        if (galera.isEmpty()) {
            missing.add("Galera");
        }
        if (rsync.isEmpty()) {
            missing.add("rsync");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("mysql needs MariaDB, Galera and rsync on this node (missing: "
                + String.join(", ", missing) + "): apt-get install mariadb-server galera-4 rsync");
    }
}

package org.conpaas.agent;

import java.nio.file.Path;

/**
 * The MariaDB server's configuration on a mysql node: its files under one directory the runtime
 * user owns, clients on {@code bind:mysql}, Galera's group communication, incremental and full
 * (rsync) state transfers on the node's {@code address} (its VPN address where it has one: only
 * the nodes of its application reach it), the cluster named after the service; the socket in
 * {@code socketDirectory}, a short path of the runtime user's own.
 */
record GaleraConfig(Path directory, Path socketDirectory, String serviceId, String nodeId, String address, DatabasePorts ports,
                    Path galeraLibrary) {

    /** A socket's path may not be longer than 107 bytes: the socket lives in a short directory of its own under /tmp. */
    static Path socketDirectoryOf(String nodeId) {
        return Path.of("/tmp", "conpaas-db-" + shortHash(nodeId));
    }

    /** Galera's group names are at most 32 characters (a longer one fails every handshake): the service's, hashed. */
    String clusterName() {
        return "conpaas-" + shortHash(serviceId);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    Path dataDir() {
        return directory.resolve("data");
    }

    Path socket() {
        return socketDirectory.resolve("mysqld.sock");
    }

    Path file() {
        return directory.resolve("my.cnf");
    }

    Path clientFile() {
        return directory.resolve("client.cnf");
    }

    /** The server's settings, joining {@code clusterAddress} ({@code gcomm://} alone forms a new cluster). */
    String render(String clusterAddress) {
        return """
                [mariadbd]
                datadir=%1$s
                socket=%2$s
                pid-file=%3$s
                tmpdir=%4$s
                port=%5$d
                bind-address=%6$s
                skip-name-resolve
                skip-log-error
                binlog_format=ROW
                default_storage_engine=InnoDB
                innodb_autoinc_lock_mode=2
                innodb_buffer_pool_size=64M
                innodb_flush_log_at_trx_commit=2
                max_connections=200
                wsrep_on=ON
                wsrep_provider=%7$s
                wsrep_cluster_name=%8$s
                wsrep_cluster_address=%9$s
                wsrep_node_name=%10$s
                wsrep_node_address=%6$s:%11$d
                wsrep_provider_options="gmcast.listen_addr=tcp://%6$s:%11$d;ist.recv_addr=%6$s:%12$d;gcache.size=64M"
                wsrep_sst_method=rsync
                wsrep_sst_receive_address=%6$s:%13$d
                """.formatted(dataDir(), socket(), directory.resolve("mysqld.pid"), directory.resolve("tmp"), ports.mysql(), address,
                galeraLibrary, clusterName(), clusterAddress, nodeId, ports.galera(), ports.ist(), ports.sst());
    }

    /** The agent's client settings: its account on the local socket. */
    String renderClient(String agentPassword) {
        return """
                [client]
                socket=%s
                user=%s
                password=%s
                """.formatted(socket(), DatabaseNode.AGENT_ACCOUNT, agentPassword);
    }
}

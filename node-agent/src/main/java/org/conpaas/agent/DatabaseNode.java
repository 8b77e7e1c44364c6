package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A mysql node: one MariaDB server of the service's Galera cluster, run as the {@link RuntimeUser}.
 * The director says whether this node forms the cluster or joins it through which peers; a joining
 * node receives the whole database from a peer (rsync state transfer) or what it missed (incremental
 * transfer). A server that dies (SIGKILL, out of memory) is started again at the next heartbeat and
 * rejoins. The agent reaches its server on the local socket with the service's agent account
 * ({@value #AGENT_ACCOUNT}, created by the node that formed the cluster, replicated to every other),
 * to read the cluster's state and set the user's {@code admin} password; archives and loads the
 * director gives it run in {@link DatabaseJobs}.
 */
final class DatabaseNode {

    static final String AGENT_ACCOUNT = "conpaas_agent";
    static final String ADMIN_ACCOUNT = "admin";
    private static final Logger LOG = Logger.getLogger(DatabaseNode.class.getName());
    private static final String STATUS_QUERY = "SHOW GLOBAL STATUS WHERE Variable_name IN "
            + "('wsrep_cluster_status', 'wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_size');\n";

    /** The server's view of the cluster at the last heartbeat. */
    record ClusterState(boolean member, String localState, int clusterSize) {
        static final ClusterState UNKNOWN = new ClusterState(false, null, 0);
    }

    private final GaleraConfig config;
    private final RuntimeUser user;
    private final MariaDb mariaDb;
    private final RuntimeLogs logs;
    private final ServiceLog log;
    private RuntimeProcess server;
    private boolean prepared;
    private String problem;
    private String waiting = "waiting for the director's first answer";
    private String agentPassword;
    private volatile ClusterState state = ClusterState.UNKNOWN;
    private volatile long appliedPasswordSerial;
    private volatile String appliedAccountsHash;
    private String osUser;
    private String accountProblem;
    /** This node formed the cluster: it makes the agent account (the others receive it with the database). */
    private boolean formed;

    private final DatabaseJobs jobs;

    DatabaseNode(AgentSettings settings, ServiceLog log, MariaDb mariaDb, DirectorClient director) {
        this.user = new RuntimeUser(settings.serviceUser(), settings.workDir());
        this.mariaDb = mariaDb;
        this.logs = new RuntimeLogs(settings.workDir());
        this.log = log;
        String address = "0.0.0.0".equals(settings.listenAddress()) ? "127.0.0.1" : settings.listenAddress();
        this.config = new GaleraConfig(user.stateDir().resolve("mysql"), GaleraConfig.socketDirectoryOf(settings.identity().nodeId()),
                settings.identity().serviceId(), settings.identity().nodeId(),
                address, settings.databasePorts().resolved(), mariaDb.galera().orElse(Path.of("/usr/lib/galera/libgalera_smm.so")));
        this.jobs = new DatabaseJobs(director, user, mariaDb, config.clientFile(), settings.workDir(), log);
    }

    /** Brings the node in line with the answer; true when the director should hear about it at once. */
    synchronized boolean follow(HeartbeatAnswer answer) throws InterruptedException {
        GaleraMembership membership = answer.galera().orElse(null);
        if (membership == null || !prepare()) {
            return false;
        }
        agentPassword = membership.agentPassword();
        boolean changed = false;
        if (server == null || !server.alive()) {
            if (server != null) {
                log.append("agent: " + server.describeExit() + "; starting it again");
                server = null;
            }
            changed = start(membership);
        }
        if (server != null && server.alive()) {
            state = query();
            Optional<GaleraMembership.AdminPassword> password = membership.adminPassword();
            if (state.member() && password.isPresent() && password.get().serial() > appliedPasswordSerial) {
                changed |= setAdminPassword(password.get());
            }
            Optional<BindingAccounts> accounts = membership.accounts();
            if (state.member() && accounts.isPresent() && !accounts.get().hash().equals(appliedAccountsHash)) {
                changed |= applyAccounts(accounts.get());
            }
            if (state.member()) {
                membership.exportArchive().ifPresent(jobs::archive);
                membership.importRequest().ifPresent(jobs::load);
            }
        }
        return changed;
    }

    /** Once: the packages are there, the runtime user is not root, the directories are made. */
    private boolean prepare() {
        if (prepared) {
            return problem == null;
        }
        prepared = true;
        problem = mariaDb.missing().orElse(null);
        if (problem == null && user.wouldBeRoot()) {
            problem = "mysql nodes do not run MariaDB as root: give the agent a service-user";
        }
        if (problem == null) {
            try {
                user.directories(config.directory(), config.dataDir(), config.directory().resolve("tmp"));
                // made by this user, or already its own: another user's directory there would be a trap
                user.run(List.of("sh", "-c", "mkdir -m 0700 \"$1\" 2>/dev/null; test -d \"$1\" && test -O \"$1\" && test ! -L \"$1\"",
                        "sh", config.socketDirectory().toString()), null);
                osUser = user.run(List.of("id", "-un"), null).strip();
            } catch (IOException e) {
                problem = "cannot prepare MariaDB's directories: " + e.getMessage();
            }
        }
        if (problem != null) {
            log.append("agent: " + problem);
            LOG.warning(problem);
        }
        return problem == null;
    }

    /** Forms the cluster (a new database when there is none yet) or joins it; false when the node is to wait. */
    private boolean start(GaleraMembership membership) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(mariaDb.server().orElseThrow().toString(), "--defaults-file=" + config.file()));
        try {
            if (membership.bootstrap()) {
                user.write(config.file(), config.render("gcomm://"));
                if (!seen("-d", config.dataDir().resolve("mysql"))) {
                    user.run(List.of(mariaDb.installDb().orElseThrow().toString(), "--defaults-file=" + config.file(),
                            "--user=" + osUser, "--auth-root-authentication-method=socket", "--skip-test-db"), null);
                }
                allowBootstrap();
                command.add("--wsrep-new-cluster");
                waiting = null;
            } else if (!membership.peers().isEmpty()) {
                user.write(config.file(), config.render(membership.clusterAddress()));
                waiting = null;
            } else {
                waiting = "waiting to join the cluster: once a node formed it, nodes join one at a time, oldest first";
                return false;
            }
            user.write(config.clientFile(), config.renderClient(membership.agentPassword()));
            server = RuntimeProcess.start("mariadbd", user, logs, "mariadb.log", command, Map.of());
        } catch (IOException e) {
            String why = "MariaDB did not start, trying again: " + e.getMessage();
            if (!why.equals(waiting)) {
                log.append("agent: " + why);
            }
            waiting = why;
            return false;
        }
        log.append("agent: MariaDB " + (membership.bootstrap() ? "forms the cluster" : "joins the cluster through "
                + membership.peers().size() + " node(s)"));
        formed = membership.bootstrap();
        if (formed) {
            awaitSocket();
            ensureAgentAccount();
        }
        return true;
    }

    /** A node that was in a cluster marks its state unsafe to form a new one; the director chose it to, so it may. */
    private void allowBootstrap() throws IOException {
        Path state = config.dataDir().resolve("grastate.dat");
        if (seen("-f", state)) {
            user.run(List.of("sed", "-i", "s/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/", state.toString()), null);
        }
    }

    private void awaitSocket() throws InterruptedException {
        for (int i = 0; i < 60 && server.alive() && !seen("-S", config.socket()); i++) {
            Thread.sleep(500);
        }
    }

    /** {@code test <flag> <path>} as the runtime user: its files are its own (the agent may not read them). */
    private boolean seen(String flag, Path path) {
        try {
            user.run(List.of("test", flag, path.toString()), null);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The agent's account, made with the server's own (unix socket) account of the runtime user, on the node that formed the cluster. */
    private void ensureAgentAccount() {
        if (run("SELECT 1;\n").isPresent()) {
            accountProblem = null;
            return;
        }
        String sql = "CREATE USER IF NOT EXISTS '" + AGENT_ACCOUNT + "'@'localhost' IDENTIFIED BY '" + agentPassword + "';\n"
                + "ALTER USER '" + AGENT_ACCOUNT + "'@'localhost' IDENTIFIED BY '" + agentPassword + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + AGENT_ACCOUNT + "'@'localhost' WITH GRANT OPTION;\n";
        try {
            user.run(List.of(mariaDb.client().orElseThrow().toString(), "--no-defaults", "--socket=" + config.socket(), "-u", osUser,
                    "-N", "-B"), sql);
            accountProblem = null;
        } catch (IOException e) {
            String why = "the agent account could not be made yet: " + e.getMessage();
            if (!why.equals(accountProblem)) {
                LOG.warning(why);
                log.append("agent: " + why);
            }
            accountProblem = why;
        }
    }

    private ClusterState query() {
        Optional<String> output = run(STATUS_QUERY);
        if (output.isEmpty() && formed) {
            ensureAgentAccount();
            output = run(STATUS_QUERY);
        }
        if (output.isEmpty()) {
            return ClusterState.UNKNOWN;
        }
        Map<String, String> status = new HashMap<>();
        for (String line : output.get().split("\n")) {
            String[] fields = line.split("\t", 2);
            if (fields.length == 2) {
                status.put(fields[0].strip(), fields[1].strip());
            }
        }
        int size;
        try {
            size = Integer.parseInt(status.getOrDefault("wsrep_cluster_size", "0"));
        } catch (NumberFormatException e) {
            size = 0;
        }
        return new ClusterState("Primary".equals(status.get("wsrep_cluster_status")) && "ON".equals(status.get("wsrep_ready")),
                status.get("wsrep_local_state_comment"), size);
    }

    private boolean setAdminPassword(GaleraMembership.AdminPassword password) {
        String quoted = "'" + password.password().replace("\\", "\\\\").replace("'", "\\'") + "'";
        String sql = "CREATE USER IF NOT EXISTS '" + ADMIN_ACCOUNT + "'@'%' IDENTIFIED BY " + quoted + ";\n"
                + "ALTER USER '" + ADMIN_ACCOUNT + "'@'%' IDENTIFIED BY " + quoted + ";\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_ACCOUNT + "'@'%' WITH GRANT OPTION;\n";
        if (run(sql).isEmpty()) {
            return false;
        }
        appliedPasswordSerial = password.serial();
        log.append("agent: the admin account's password was set");
        return true;
    }

    /** The bindings' accounts made, brought in line or dropped; Galera replicates them to the other members. */
    private boolean applyAccounts(BindingAccounts accounts) {
        Optional<String> existing = run(BindingAccounts.existing());
        if (existing.isEmpty() || run(accounts.apply() + accounts.dropOthers(existing.get().lines().map(String::strip).toList())).isEmpty()) {
            return false;
        }
        appliedAccountsHash = accounts.hash();
        log.append("agent: the accounts of " + accounts.accounts().size() + " binding(s) are in place");
        return true;
    }

    /** {@code sql} through the agent's account; empty when the server did not take it (logged). */
    private Optional<String> run(String sql) {
        List<String> command = List.of(mariaDb.client().orElseThrow().toString(), "--defaults-file=" + config.clientFile(), "-N", "-B");
        try {
            return Optional.of(user.run(command, sql));
        } catch (IOException e) {
            LOG.fine(() -> "MariaDB did not answer: " + e.getMessage());
            return Optional.empty();
        }
    }

    synchronized ServiceHost.ServiceStatus status() {
        if (problem != null) {
            return new ServiceHost.ServiceStatus(ServiceState.FAILED, problem);
        }
        if (server == null) {
            return new ServiceHost.ServiceStatus(ServiceState.STARTING, waiting);
        }
        if (!server.alive()) {
            return new ServiceHost.ServiceStatus(ServiceState.STARTING, server.describeExit() + "; starting it again");
        }
        ClusterState now = state;
        String where = "MariaDB Galera node on port " + config.ports().mysql();
        return now.member()
                ? new ServiceHost.ServiceStatus(ServiceState.RUNNING, where + ": " + now.localState() + ", cluster of " + now.clusterSize())
                : new ServiceHost.ServiceStatus(ServiceState.STARTING, where + ": " + (now.localState() != null
                        ? "joining (" + now.localState() + ")" : accountProblem != null ? accountProblem : "starting"));
    }

    /** The heartbeat's mysql fields. */
    Heartbeat.DatabaseReport report() {
        logs.bound();
        ClusterState now = state;
        return new Heartbeat.DatabaseReport(config.ports().asMap(), now.member(), now.localState(), now.clusterSize(),
                appliedPasswordSerial == 0 ? null : appliedPasswordSerial, appliedAccountsHash);
    }

    /** The client port, the node's entry. */
    Integer port() {
        return config.ports().mysql();
    }

    /** Ends the server (SIGTERM: it leaves the cluster cleanly), waiting for it; its socket's directory goes too. */
    synchronized void stop() {
        jobs.stop();
        if (server != null) {
            server.stop();
            log.append("agent: stopped MariaDB");
            server = null;
        }
        if (prepared && problem == null) {
            try {
                user.run(List.of("rm", "-rf", config.socketDirectory().toString()), null);
            } catch (IOException e) {
                LOG.warning(() -> "the socket directory " + config.socketDirectory() + " was not removed: " + e.getMessage());
            }
        }
    }
}

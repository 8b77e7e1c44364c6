package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.kit.web.ApiException;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.database.DatabaseReport;
import org.conpaas.provisioning.database.GaleraClusters;
import org.conpaas.provisioning.node.api.RecordCodeRefusedCommand;
import org.conpaas.provisioning.node.api.RecordHeartbeatCommand;
import org.conpaas.provisioning.logs.LogLine;
import org.conpaas.provisioning.logs.NodeLogs;
import org.conpaas.provisioning.web.WebHosting;
import org.conpaas.provisioning.web.WebReport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * What a node agent reports and what it is told: every heartbeat is recorded (time, agent state,
 * log tail); the first RUNNING report makes the node RUNNING (node.running), a FAILED one fails
 * it; a code version the agent refused is recorded once (node.code-refused); the answer tells the
 * agent to keep running or stop, and which code version to run.
 */
@Component
class Heartbeats {

    /**
     * {@code refusedCodeVersion} and {@code codeRefusal}: the last code version the agent would not run, and why;
     * the rest only from php and java nodes (see {@link WebReport}).
     */
    record Report(String state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal,
                  java.util.Map<String, Integer> ports, Integer release, Boolean healthy, String healthDetail, String membersHash,
                  Double responseP95Ms, Double requestRate, java.util.List<LogLine> logLines, DatabaseReport database) {

        Report(String state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal) {
            this(state, detail, logTail, httpPort, refusedCodeVersion, codeRefusal, null, null, null, null, null, null, null, null, null);
        }

        Report(String state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal,
               java.util.Map<String, Integer> ports, Integer release, Boolean healthy, String healthDetail, String membersHash,
               Double responseP95Ms, Double requestRate, java.util.List<LogLine> logLines) {
            this(state, detail, logTail, httpPort, refusedCodeVersion, codeRefusal, ports, release, healthy, healthDetail, membersHash,
                    responseP95Ms, requestRate, logLines, null);
        }

        WebReport web() {
            return new WebReport(ports, release, healthy, healthDetail, membersHash, responseP95Ms, requestRate);
        }
    }

    /**
     * RUN or STOP, the code version to run; for php and java nodes also the release and proxy members,
     * for mysql nodes the Galera cluster to form or join (absent otherwise).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(String desired, @JsonInclude(JsonInclude.Include.ALWAYS) Integer codeVersion, @JsonUnwrapped WebHosting.Answer web,
                  GaleraClusters.Answer galera) {

        Answer(String desired, Integer codeVersion) {
            this(desired, codeVersion, null, null);
        }
    }

    static final String MYSQL = "mysql";

    private static final Set<String> AGENT_STATES = Set.of("STARTING", "RUNNING", "STOPPING", "FAILED");
    private static final int LOG_TAIL = 4096;

    private final NodeQueries queries;
    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Clouds clouds;
    private final WebHosting web;
    private final NodeLogs logs;
    private final GaleraClusters galera;
    private final Clock clock = Clock.systemUTC();

    Heartbeats(NodeQueries queries, JdbcTemplate jdbc, CommandGateway commands, Clouds clouds, WebHosting web, NodeLogs logs,
               GaleraClusters galera) {
        this.logs = logs;
        this.galera = galera;
        this.queries = queries;
        this.jdbc = jdbc;
        this.commands = commands;
        this.clouds = clouds;
        this.web = web;
    }

    Answer record(NodeId nodeId, Report report) {
        if (report == null || report.state() == null || !AGENT_STATES.contains(report.state())) {
            throw ApiException.invalid("state must be one of " + AGENT_STATES);
        }
        if (report.httpPort() != null && (report.httpPort() < 1 || report.httpPort() > 65535)) {
            throw ApiException.invalid("httpPort must be 1..65535");
        }
        if (report.refusedCodeVersion() != null && report.refusedCodeVersion() < 1) {
            throw ApiException.invalid("refusedCodeVersion must be a code version, 1 or more");
        }
        String webProblem = report.web().problem();
        if (webProblem != null) {
            throw ApiException.invalid(webProblem);
        }
        String databaseProblem = report.database() == null ? null : report.database().problem();
        if (databaseProblem != null) {
            throw ApiException.invalid(databaseProblem);
        }
        if (report.logLines() != null) {
            for (LogLine line : report.logLines()) {
                String problem = line == null ? "logLines holds an empty entry" : line.problem();
                if (problem != null) {
                    throw ApiException.invalid(problem);
                }
            }
        }
        NodeView node = queries.find(nodeId).orElseThrow(() -> ApiException.notFound("no node " + nodeId));
        // most heartbeats change nothing but the time: the log tail (up to 4 KB, kept out of line) is
        // written only when it differs, so such a heartbeat rewrites one small row and no TOAST chunks
        String tail = tail(report.logTail());
        jdbc.update("""
                        UPDATE node SET last_heartbeat = ?, agent_state = ?, agent_detail = ?, http_port = ?,
                            log_tail = CASE WHEN log_tail IS DISTINCT FROM ? THEN ? ELSE log_tail END
                        WHERE id = ?""",
                Timestamp.from(clock.instant()), report.state(), NodeProjection.clip(report.detail()), report.httpPort(), tail, tail,
                nodeId.value());
        if (!NodeState.valueOf(node.state()).alive()) {
            return new Answer("STOP", null);
        }
        // a node without web roles (generic, mysql) has no web report to keep and no release to be assigned
        boolean hosts = node.webRoles() != null && !node.webRoles().isEmpty();
        if (hosts) {
            web.report(nodeId.value(), report.web());
        }
        logs.append(nodeId.value(), node.serviceId(), clock.instant(), report.logLines());
        if (MYSQL.equals(node.serviceType())) {
            return database(node, report);
        }
        Optional<WebHosting.Answer> hosting = hosts ? web.answer(nodeId.value(), node.serviceId()) : Optional.empty();
        Integer codeVersion = hosting.isPresent() ? hosting.get().codeVersion() : queries.codeVersionOf(node.serviceId()).orElse(null);
        // only the version nodes are told to run: a hostile agent cannot fill the event store with made-up versions
        if (report.refusedCodeVersion() != null && codeVersion != null && report.refusedCodeVersion() == codeVersion.longValue()) {
            commands.sendAndWait(new RecordCodeRefusedCommand(nodeId, report.refusedCodeVersion(),
                    NodeProjection.clip(report.codeRefusal() == null ? "no reason given" : report.codeRefusal())));
        }
        if ("FAILED".equals(report.state()) || ("RUNNING".equals(report.state()) && !"RUNNING".equals(node.state()))) {
            String host = host(node);
            if (host != null && hosting.isPresent()) {
                web.host(nodeId.value(), peerAddress(node, host));
            }
            commands.sendAndWait(new RecordHeartbeatCommand(nodeId, report.state(), report.detail(),
                    host == null ? null : report.httpPort() == null ? host : host + ":" + report.httpPort()));
        }
        // a generic node runs the newest release's environment with its code
        return new Answer("RUN", codeVersion, hosting.or(() -> web.releaseOf(node.serviceId())).orElse(null), null);
    }

    /** A mysql node: its report kept, its address known to its peers from its first report, its place in the cluster answered. */
    private Answer database(NodeView node, Report report) {
        if (report.database() != null) {
            galera.report(node.id(), node.serviceId(), report.database());
        }
        boolean changes = "FAILED".equals(report.state()) || ("RUNNING".equals(report.state()) && !"RUNNING".equals(node.state()));
        String host = changes || !galera.knowsHost(node.id()) ? host(node) : null;
        if (host != null) {
            galera.host(node.id(), peerAddress(node, host));
        }
        if (changes) {
            commands.sendAndWait(new RecordHeartbeatCommand(NodeId.of(node.id()), report.state(), report.detail(),
                    host == null ? null : report.httpPort() == null ? host : host + ":" + report.httpPort()));
        }
        return new Answer("RUN", null, null, galera.answer(node.id(), node.serviceId()));
    }

    /** On a cloud whose nodes run the VPN, the other nodes of the application call this one on its VPN address. */
    private String peerAddress(NodeView node, String host) {
        return node.vpnAddress() != null && clouds.driver(node.cloud()).nodesTalkOverVpn() ? node.vpnAddress() : host;
    }

    /** The node's address on its cloud (the driver's word, never the agent's). */
    private String host(NodeView node) {
        return node.instanceId() == null || !clouds.all().containsKey(node.cloud()) ? null
                : clouds.driver(node.cloud()).describe(node.instanceId()).map(CloudNode::address).orElse(null);
    }

    private static String tail(String log) {
        return log == null || log.length() <= LOG_TAIL ? log : log.substring(log.length() - LOG_TAIL);
    }
}

package org.conpaas.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the agent tells the director every interval; {@code refusedCodeVersion} and
 * {@code codeRefusal} name the last code version it would not run, and why (null when none);
 * {@code hosting} what a php or java node's roles do (null for generic and web: its fields are null then).
 */
record Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal,
                 HostingReport hosting, List<LogShipper.Line> logLines, DatabaseReport database) {

    Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal,
              HostingReport hosting, List<LogShipper.Line> logLines) {
        this(state, detail, logTail, httpPort, refusedCodeVersion, codeRefusal, hosting, logLines, null);
    }

    /** A mysql node's report. */
    Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort, DatabaseReport database) {
        this(state, detail, logTail, httpPort, null, null, null, List.of(), database);
    }

    Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal,
              HostingReport hosting) {
        this(state, detail, logTail, httpPort, refusedCodeVersion, codeRefusal, hosting, List.of());
    }

    /** The same report carrying the lines the logs gained (see {@link LogShipper}). */
    Heartbeat withLogLines(List<LogShipper.Line> lines) {
        return new Heartbeat(state, detail, logTail, httpPort, refusedCodeVersion, codeRefusal, hosting, lines, database);
    }

    Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort) {
        this(state, detail, logTail, httpPort, null, null, null);
    }

    Heartbeat(ServiceState state, String detail, String logTail, Integer httpPort, Long refusedCodeVersion, String codeRefusal) {
        this(state, detail, logTail, httpPort, refusedCodeVersion, codeRefusal, null);
    }

    /**
     * A php or java node's part of the heartbeat.
     *
     * @param ports         the ports of the node's roles ({@code proxy}, {@code web}, {@code backend}, {@code sessions})
     * @param release       the release web and backend run, null before the first
     * @param healthy       the backend's health check for that release, null without backend role or before the first check
     * @param membersHash   the members the proxy runs with, null without proxy role or before the first
     * @param responseP95Ms the proxy's 95th percentile response time over the last 30 s, null without requests
     * @param requestRate   the proxy's requests per second over the last 30 s, null without requests
     */
    record HostingReport(Map<String, Integer> ports, Long release, Boolean healthy, String healthDetail, String membersHash,
                         Double responseP95Ms, Double requestRate) {
    }

    /**
     * A mysql node's part of the heartbeat.
     *
     * @param ports          its {@code mysql}, {@code galera}, {@code ist} and {@code sst} ports
     * @param member         whether its server is in the cluster's primary component (peers join through it)
     * @param localState     Galera's word for the node's state (Synced, Joining, Donor/Desynced…), null before the server answers
     * @param clusterSize    the nodes in the cluster as this one sees it
     * @param passwordSerial the last admin password the node applied, null when none
     * @param accountsHash   the hash of the bindings' accounts the node last put in place, null when none
     */
    record DatabaseReport(Map<String, Integer> ports, boolean member, String localState, int clusterSize, Long passwordSerial,
                          String accountsHash) {

        String toJson() {
            return "{\"ports\":" + ports.entrySet().stream().map(port -> Json.quote(port.getKey()) + ":" + port.getValue())
                    .collect(Collectors.joining(",", "{", "}")) + ",\"member\":" + member + ",\"localState\":" + string(localState)
                    + ",\"clusterSize\":" + clusterSize + ",\"passwordSerial\":" + (passwordSerial == null ? "null" : passwordSerial.toString())
                    + ",\"accountsHash\":" + string(accountsHash) + "}";
        }
    }

    String toJson() {
        HostingReport h = hosting;
        return "{\"state\":" + Json.quote(state.name()) + ",\"detail\":" + Json.quote(detail) + ",\"logTail\":"
                + Json.quote(logTail) + ",\"httpPort\":" + (httpPort == null ? "null" : httpPort.toString())
                + ",\"refusedCodeVersion\":" + (refusedCodeVersion == null ? "null" : refusedCodeVersion.toString())
                + ",\"codeRefusal\":" + string(codeRefusal)
                + ",\"ports\":" + (h == null ? "null" : h.ports().entrySet().stream()
                        .map(port -> Json.quote(port.getKey()) + ":" + port.getValue()).collect(Collectors.joining(",", "{", "}")))
                + ",\"release\":" + (h == null || h.release() == null ? "null" : h.release().toString())
                + ",\"healthy\":" + (h == null || h.healthy() == null ? "null" : h.healthy().toString())
                + ",\"healthDetail\":" + string(h == null ? null : h.healthDetail())
                + ",\"membersHash\":" + string(h == null ? null : h.membersHash())
                + ",\"responseP95Ms\":" + decimal(h == null ? null : h.responseP95Ms())
                + ",\"requestRate\":" + decimal(h == null ? null : h.requestRate())
                + ",\"logLines\":" + logLines.stream().map(l -> "{\"source\":" + Json.quote(l.source()) + ",\"line\":" + Json.quote(l.text()) + "}")
                        .collect(Collectors.joining(",", "[", "]"))
                + ",\"database\":" + (database == null ? "null" : database.toJson()) + "}";
    }

    private static String string(String value) {
        return value == null ? "null" : Json.quote(value);
    }

    /** Plain decimal notation with at most 3 places (JSON has no NaN or infinity: those are null). */
    private static String decimal(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "null";
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}

package org.conpaas.provisioning.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The heartbeat's mysql part: what a node reports is kept, and its answer says how to take part in
 * the service's Galera cluster. When no alive node is in the cluster's primary component, the oldest
 * alive node forms it and every other waits; once a node is in, the others join through the members,
 * one at a time, oldest first (a new node receives the whole database from one of them). The answer also carries the agents'
 * account password, and to one member only an admin password the user set that no node applied yet and the bindings'
 * accounts while that member has not reported them in place.
 */
@Component
public class GaleraClusters {

    /** The answer's {@code galera} object. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(boolean bootstrap, List<Peer> peers, String agentPassword, String adminPassword, Long adminPasswordSerial,
                         String exportArchive, String importRequest, List<DatabaseBindings.Account> accounts, String accountsHash) {
        @Override
        public String toString() {
            return "GaleraClusters.Answer[bootstrap " + bootstrap + ", peers " + peers + "]";
        }
    }

    public record Peer(String node, String host, int port) {
    }

    private final DatabaseNodes nodes;
    private final DatabaseCredentials credentials;
    private final DatabaseArchives archives;
    private final DatabaseImports imports;
    private final DatabaseBindings bindings;

    GaleraClusters(DatabaseNodes nodes, DatabaseCredentials credentials, DatabaseArchives archives, DatabaseImports imports,
                   DatabaseBindings bindings) {
        this.bindings = bindings;
        this.nodes = nodes;
        this.credentials = credentials;
        this.archives = archives;
        this.imports = imports;
    }

    public void report(String nodeId, String serviceId, DatabaseReport report) {
        nodes.report(nodeId, report);
        if (report.passwordSerial() != null) {
            credentials.applied(serviceId, report.passwordSerial());
        }
        // only the applying member's word counts: an older member's report would say an older list
        if (report.accountsHash() != null && applying(nodes.aliveOf(serviceId), nodeId)) {
            bindings.applied(serviceId, report.accountsHash());
        }
    }

    /** The node's address as the other nodes of its cluster are to reach it (kept once known). */
    public void host(String nodeId, String host) {
        nodes.host(nodeId, host);
    }

    public boolean knowsHost(String nodeId) {
        return nodes.hostOf(nodeId).isPresent();
    }

    public Answer answer(String nodeId, String serviceId) {
        List<DatabaseNode> alive = nodes.aliveOf(serviceId);
        // one node joins at a time, the oldest of those whose agent reports: two full state transfers asked of one donor
        // at once can leave the second joiner waiting past every timeout
        boolean itsTurn = alive.stream().anyMatch(n -> n.id().equals(nodeId) && n.member())
                || alive.stream().filter(n -> !n.member() && ("ENROLLED".equals(n.state()) || "RUNNING".equals(n.state())))
                .findFirst().map(n -> n.id().equals(nodeId)).orElse(true);
        List<Peer> peers = !itsTurn ? List.of() : alive.stream()
                .filter(n -> n.member() && !n.id().equals(nodeId) && n.host() != null && n.port(DatabaseReport.GALERA) != null)
                .map(n -> new Peer(n.id(), n.host(), n.port(DatabaseReport.GALERA))).toList();
        boolean anyMember = alive.stream().anyMatch(DatabaseNode::member);
        boolean oldest = !alive.isEmpty() && alive.get(0).id().equals(nodeId);
        boolean self = alive.stream().anyMatch(n -> n.id().equals(nodeId) && n.member());
        // the password, a dump to make and a load to run go to one member: the oldest in the cluster (the others replicate)
        boolean applies = self && applying(alive, nodeId);
        DatabaseBindings.Accounts accounts = applies ? bindings.accountsOf(serviceId) : null;
        if (accounts != null && bindings.inPlace(serviceId, accounts)) {
            accounts = null;
        }
        Optional<DatabaseCredentials.PendingPassword> pending = applies ? credentials.pending(serviceId) : Optional.empty();
        return new Answer(!anyMember && oldest, peers, credentials.agentPassword(serviceId),
                pending.map(DatabaseCredentials.PendingPassword::password).orElse(null),
                pending.map(DatabaseCredentials.PendingPassword::serial).orElse(null),
                applies ? archives.pending(serviceId).map(DatabaseArchives.Archive::id).orElse(null) : null,
                applies ? imports.pending(serviceId).map(DatabaseImports.Import::id).orElse(null) : null,
                accounts == null ? null : accounts.accounts(), accounts == null ? null : accounts.hash());
    }

    /** The member that applies what one member does for all: the oldest in the cluster. */
    private static boolean applying(List<DatabaseNode> alive, String nodeId) {
        return alive.stream().filter(DatabaseNode::member).findFirst().map(n -> n.id().equals(nodeId)).orElse(false);
    }

    /** The service was removed: its passwords, waiting loads and bindings go with it (its archives stay its owner's). */
    public void forget(String serviceId) {
        credentials.forget(serviceId);
        imports.forget(serviceId);
        bindings.forget(serviceId);
    }
}

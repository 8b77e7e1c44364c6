package org.conpaas.app.service;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.service.api.AddNodesCommand;
import org.conpaas.app.service.api.RemoveNodesCommand;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.service.ServiceLoadMeasured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Acts on what provisioning measured (service.load-measured) for services with autoscaling on:
 * adds or removes a backend as {@link Autoscaling} decides, within the owner's credit, only while
 * the service is RUNNING; the reason, with the figure that caused it, goes to the service's history.
 * Where the rule stands is kept in service_autoscaling (so a restart does not forget a streak).
 */
@Component
public class Autoscaler {

    private static final Logger log = LoggerFactory.getLogger(Autoscaler.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final ServiceQueries services;

    Autoscaler(JdbcTemplate jdbc, CommandGateway commands, ServiceQueries services) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.services = services;
    }

    @org.springframework.transaction.annotation.Transactional
    public void measured(ServiceLoadMeasured e) {
        UUID id = UUID.fromString(e.serviceId().value());
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT s.state, s.owner_id, a.target_ms, a.min_backends, a.max_backends, a.above, a.below, a.last_change
                FROM service_autoscaling a JOIN service s ON s.id = a.service_id WHERE a.service_id = ? FOR UPDATE OF a""", id);
        jdbc.update("UPDATE service SET last_p95_ms = ?, last_request_rate = ? WHERE id = ?", e.p95Ms(), e.requestRate(), id);
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> row = rows.get(0);
        Autoscaling rule = new Autoscaling((Integer) row.get("target_ms"), (Integer) row.get("min_backends"), (Integer) row.get("max_backends"));
        Timestamp last = (Timestamp) row.get("last_change");
        Autoscaling.Streak streak = new Autoscaling.Streak((Integer) row.get("above"), (Integer) row.get("below"),
                last == null ? null : last.toInstant());
        Autoscaling.Decision decision = rule.decide(e.p95Ms(), e.backends(), streak, e.header().occurredAt());
        if (decision.action() != Autoscaling.Action.NONE && !"RUNNING".equals(row.get("state"))) {
            decision = new Autoscaling.Decision(Autoscaling.Action.NONE, null, streak);
        }
        if (decision.action() == Autoscaling.Action.ADD
                && services.creditOf(UserId.of((String) row.get("owner_id"))).map(balance -> balance <= 0).orElse(false)) {
            log.info("service {} would grow ({}) but its owner has no credit", id, decision.reason());
            decision = new Autoscaling.Decision(Autoscaling.Action.NONE, null, streak);
        }
        Autoscaling.Streak next = decision.streak();
        jdbc.update("UPDATE service_autoscaling SET above = ?, below = ?, last_change = ? WHERE service_id = ?", next.above(), next.below(),
                next.lastChange() == null ? null : Timestamp.from(next.lastChange()), id);
        ServiceId service = e.serviceId();
        try {
            if (decision.action() == Autoscaling.Action.ADD) {
                commands.sendAndWait(new AddNodesCommand(service, 1, List.of(), WebRoles.BACKEND, decision.reason()));
            } else if (decision.action() == Autoscaling.Action.REMOVE) {
                commands.sendAndWait(new RemoveNodesCommand(service, 1, WebRoles.BACKEND, decision.reason()));
            }
        } catch (RuntimeException refused) {
            // e.g. the service is adapting already: the next measurement decides again
            log.info("autoscaling of service {} not applied now: {}", id, refused.getMessage());
        }
    }

}

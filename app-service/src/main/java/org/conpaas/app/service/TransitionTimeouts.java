package org.conpaas.app.service;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.app.service.api.TimeOutServiceCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * A start, scaling or stop that takes longer than {@code conpaas.services.limits.transition-timeout}
 * ends in ERROR, releasing the service's nodes. Looks every few seconds; the aggregate ignores a
 * service that has moved on meanwhile, so several instances may run this at once.
 */
@Component
class TransitionTimeouts {

    private static final Logger log = LoggerFactory.getLogger(TransitionTimeouts.class);

    private final ServiceQueries queries;
    private final CommandGateway commands;
    private final ServiceLimits limits;
    private final Clock clock;

    TransitionTimeouts(ServiceQueries queries, CommandGateway commands, ServiceLimits limits) {
        this.queries = queries;
        this.commands = commands;
        this.limits = limits;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(fixedDelayString = "${conpaas.services.limits.timeout-check-interval:5s}")
    void timeOutStuckServices() {
        for (var service : queries.inTransitionSince(clock.instant().minus(limits.transitionTimeout()))) {
            try {
                commands.sendAndWait(new TimeOutServiceCommand(service, limits.transitionTimeout()));
                log.warn("service {} timed out after {}", service, limits.transitionTimeout());
            } catch (RuntimeException e) {
                log.warn("could not time out service {}: {}", service, e.getMessage());
            }
        }
    }
}

package org.conpaas.app.deletion;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.conpaas.app.application.ApplicationQueries;
import org.conpaas.app.application.api.DeleteApplicationCommand;
import org.conpaas.app.application.api.StartApplicationDeletionCommand;
import org.conpaas.app.service.ServiceQueries;
import org.conpaas.app.service.api.RemoveServiceCommand;
import org.conpaas.app.service.api.ServiceRemoved;
import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deleting an application that has services: it is marked DELETING, each service is removed
 * (running ones stop first and go when their last node is gone), and when none is left the
 * application is deleted. Every removal of a service of a DELETING application moves it on (after
 * commit); a periodic sweep moves on any that a crash or a failed command left halfway, so a
 * deletion always finishes. Every step is idempotent.
 */
@Component
@ProcessingGroup(ApplicationDeletions.GROUP)
class ApplicationDeletions {

    static final String GROUP = "application-deletion";
    private static final Logger log = LoggerFactory.getLogger(ApplicationDeletions.class);

    private final CommandGateway commands;
    private final ApplicationQueries applications;
    private final ServiceQueries services;

    ApplicationDeletions(CommandGateway commands, ApplicationQueries applications, ServiceQueries services) {
        this.commands = commands;
        this.applications = applications;
        this.services = services;
    }

    /** Starts deleting {@code app}; it is gone on return when it had no service that runs. */
    void start(ApplicationId app, String reason) {
        if (services.countOf(app) > 0) {
            commands.sendAndWait(new StartApplicationDeletionCommand(app, reason));
        }
        advance(app, reason);
    }

    @EventHandler
    void on(ServiceRemoved e) {
        applications.find(e.applicationId()).filter(ApplicationView::deleting)
                .ifPresent(app -> advance(e.applicationId(), "application being deleted"));
    }

    @Scheduled(fixedDelayString = "${conpaas.applications.deletion-sweep-interval:15s}")
    void sweep() {
        for (ApplicationId app : applications.deleting()) {
            try {
                advance(app, "application being deleted");
            } catch (RuntimeException e) {
                log.warn("could not move on the deletion of application {}: {}", app, e.getMessage());
            }
        }
    }

    private void advance(ApplicationId app, String reason) {
        for (ServiceView service : services.ofApplication(app)) {
            if (!service.removing()) {
                send(new RemoveServiceCommand(ServiceId.of(service.id()), true, reason));
            }
        }
        if (services.countOf(app) == 0) {
            send(new DeleteApplicationCommand(app));
        }
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException gone) {
            log.debug("{}: already gone", command);
        }
    }
}

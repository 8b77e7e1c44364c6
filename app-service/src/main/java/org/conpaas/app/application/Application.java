package org.conpaas.app.application;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.conpaas.app.application.api.ApplicationCreated;
import org.conpaas.app.application.api.ApplicationDeleted;
import org.conpaas.app.application.api.ApplicationDeletionStarted;
import org.conpaas.app.application.api.ApplicationRenamed;
import org.conpaas.app.application.api.CreateApplicationCommand;
import org.conpaas.app.application.api.DeleteApplicationCommand;
import org.conpaas.app.application.api.RenameApplicationCommand;
import org.conpaas.app.application.api.StartApplicationDeletionCommand;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;
import org.conpaas.kit.domain.RuleViolationException;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A user's application: the unit that owns services and a VPN network. Deleting one that still
 * has services first marks it as being deleted (its services are removed meanwhile), then deletes it.
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER)
public class Application {

    @AggregateIdentifier
    private ApplicationId applicationId;
    private UserId ownerId;
    private String name;
    private boolean deleting;

    protected Application() {
        // for Axon
    }

    @CommandHandler
    public Application(CreateApplicationCommand command) {
        apply(new ApplicationCreated(command.applicationId(), command.ownerId(), command.name().value()));
    }

    @CommandHandler
    public void handle(RenameApplicationCommand command) {
        if (deleting) {
            throw new RuleViolationException("the application is being deleted; it can no longer be renamed");
        }
        if (command.name().value().equals(name)) {
            return;
        }
        apply(new ApplicationRenamed(applicationId, ownerId, name, command.name().value()));
    }

    @CommandHandler
    public void handle(StartApplicationDeletionCommand command) {
        if (!deleting) {
            apply(new ApplicationDeletionStarted(applicationId, ownerId, name, command.reason()));
        }
    }

    @CommandHandler
    public void handle(DeleteApplicationCommand command) {
        apply(new ApplicationDeleted(applicationId, ownerId, name));
    }

    @EventSourcingHandler
    void on(ApplicationCreated event) {
        applicationId = event.applicationId();
        ownerId = event.ownerId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(ApplicationRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ApplicationDeletionStarted event) {
        deleting = true;
    }

    @EventSourcingHandler
    void on(ApplicationDeleted event) {
        markDeleted();
    }
}

package org.conpaas.app.application;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.app.application.api.ApplicationCreated;
import org.conpaas.app.application.api.ApplicationDeleted;
import org.conpaas.app.application.api.ApplicationDeletionStarted;
import org.conpaas.app.application.api.StartApplicationDeletionCommand;
import org.conpaas.app.application.api.ApplicationRenamed;
import org.conpaas.app.application.api.CreateApplicationCommand;
import org.conpaas.app.application.api.DeleteApplicationCommand;
import org.conpaas.app.application.api.RenameApplicationCommand;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationTest {

    private static final ApplicationId APP = ApplicationId.of("0f5c1a9e-2b7d-4c3e-8f1a-5d6e7f8a9b0c");
    private static final UserId OWNER = UserId.of("owner-1");

    private FixtureConfiguration<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void createsAnApplicationForItsOwner() {
        fixture.givenNoPriorActivity()
                .when(new CreateApplicationCommand(APP, OWNER, ApplicationName.of("shop")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ApplicationCreated(APP, OWNER, "shop"));
    }

    @Test
    void renamesRecordingTheOldName() {
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"))
                .when(new RenameApplicationCommand(APP, ApplicationName.of("web-shop")))
                .expectEvents(new ApplicationRenamed(APP, OWNER, "shop", "web-shop"));
    }

    @Test
    void renamingToTheSameNameChangesNothing() {
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"))
                .when(new RenameApplicationCommand(APP, ApplicationName.of("shop")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void deletes() {
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"))
                .when(new DeleteApplicationCommand(APP))
                .expectEvents(new ApplicationDeleted(APP, OWNER, "shop"))
                .expectMarkedDeleted();
    }

    @Test
    void anApplicationWithServicesIsMarkedAsBeingDeletedOnceAndThenNoLongerRenamed() {
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"))
                .when(new StartApplicationDeletionCommand(APP, "by alice"))
                .expectEvents(new ApplicationDeletionStarted(APP, OWNER, "shop", "by alice"))
                .expectNotMarkedDeleted();
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"), new ApplicationDeletionStarted(APP, OWNER, "shop", "by alice"))
                .when(new StartApplicationDeletionCommand(APP, "again"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"), new ApplicationDeletionStarted(APP, OWNER, "shop", "by alice"))
                .when(new RenameApplicationCommand(APP, ApplicationName.of("other")))
                .expectException(org.conpaas.kit.domain.RuleViolationException.class)
                .expectExceptionMessage("the application is being deleted; it can no longer be renamed");
    }

    @Test
    void anApplicationBeingDeletedIsDeletedWhenItsServicesAreGone() {
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"), new ApplicationDeletionStarted(APP, OWNER, "shop", "by alice"))
                .when(new DeleteApplicationCommand(APP))
                .expectEvents(new ApplicationDeleted(APP, OWNER, "shop"))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedApplicationCannotBeRenamed() {
        fixture.given(new ApplicationCreated(APP, OWNER, "shop"), new ApplicationDeleted(APP, OWNER, "shop"))
                .when(new RenameApplicationCommand(APP, ApplicationName.of("again")))
                .expectException(AggregateDeletedException.class);
    }
}

package org.conpaas.identity.user;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.api.AdjustCreditCommand;
import org.conpaas.identity.user.api.ChangePasswordCommand;
import org.conpaas.identity.user.api.CreditAdjusted;
import org.conpaas.identity.user.api.DisableUserCommand;
import org.conpaas.identity.user.api.EnableUserCommand;
import org.conpaas.identity.user.api.ExternalIdentityLinked;
import org.conpaas.identity.user.api.LinkExternalIdentityCommand;
import org.conpaas.identity.user.api.PasswordChanged;
import org.conpaas.identity.user.api.RegisterUserCommand;
import org.conpaas.identity.user.api.UserDisabled;
import org.conpaas.identity.user.api.UserEnabled;
import org.conpaas.identity.user.api.UserRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final UserId ALICE = UserId.of("u-1");
    private static final UserRegistered REGISTERED =
            new UserRegistered(ALICE, "alice", "alice@example.org", "VU", "$2a$hash", Role.USER, 50, 1000, null);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registers() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("Alice"), "alice@example.org", "VU", "$2a$hash", Role.USER, 50, 1000, null))
                .expectEvents(REGISTERED);
    }

    @Test
    void registersAUserOfAnExternalIdentityProvider() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("alice"), null, null, "$2a$hash", Role.USER, 50, 1000,
                        "https://idp.contrail.eu|alice@contrail"))
                .expectEvents(new UserRegistered(ALICE, "alice", null, null, "$2a$hash", Role.USER, 50, 1000,
                        "https://idp.contrail.eu|alice@contrail"));
    }

    @Test
    void anAdministratorLinksAnExternalIdentityOnceAndAgainChangesNothing() {
        ExternalIdentity contrail = new ExternalIdentity("contrail", "alice");
        fixture.given(REGISTERED)
                .when(new LinkExternalIdentityCommand(ALICE, contrail, "admin"))
                .expectEvents(new ExternalIdentityLinked(ALICE, "contrail", "alice", "admin"));
        fixture.given(REGISTERED, new ExternalIdentityLinked(ALICE, "contrail", "alice", "admin"))
                .when(new LinkExternalIdentityCommand(ALICE, contrail, "admin"))
                .expectNoEvents();
        fixture.given(new UserRegistered(ALICE, "alice", null, null, "$2a$hash", Role.USER, 50, 1000, "contrail|alice"))
                .when(new LinkExternalIdentityCommand(ALICE, contrail, "admin"))
                .expectNoEvents();
    }

    @Test
    void anExternalIdentityIsIssuerBarSubject() {
        org.assertj.core.api.Assertions.assertThat(ExternalIdentity.parse("https://idp.contrail.eu|alice|x"))
                .isEqualTo(new ExternalIdentity("https://idp.contrail.eu", "alice|x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExternalIdentity.parse("no-bar"))
                .hasMessageContaining("issuer|subject");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExternalIdentity("", "x")).hasMessageContaining("issuer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExternalIdentity("a", "x\ny")).hasMessageContaining("subject");
    }

    @Test
    void refusesCreditAboveTheMaximumAndAMissingPassword() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("alice"), null, null, "$2a$hash", Role.USER, 5000, 1000, null))
                .expectException(IllegalArgumentException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("alice"), null, null, " ", Role.USER, 5, 1000, null))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void creditGoesUpAndDownButNeverBelowZeroOrAboveTheMaximum() {
        fixture.given(REGISTERED)
                .when(new AdjustCreditCommand(ALICE, -20, "billing"))
                .expectEvents(new CreditAdjusted(ALICE, -20, 30, "billing"))
                .expectResultMessagePayload(30L);
        fixture.given(REGISTERED, new CreditAdjusted(ALICE, -20, 30, "billing"))
                .when(new AdjustCreditCommand(ALICE, -31, "billing"))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("credit cannot go below 0: the balance is 30, the change -31");
        fixture.given(REGISTERED)
                .when(new AdjustCreditCommand(ALICE, 951, "gift"))
                .expectException(IllegalStateException.class);
        fixture.given(REGISTERED)
                .when(new AdjustCreditCommand(ALICE, 0, "nothing"))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void disablesAndEnablesOnlyWhenThatChangesSomething() {
        fixture.given(REGISTERED).when(new DisableUserCommand(ALICE, "left")).expectEvents(new UserDisabled(ALICE, "left"));
        fixture.given(REGISTERED, new UserDisabled(ALICE, "left")).when(new DisableUserCommand(ALICE, "again")).expectNoEvents();
        fixture.given(REGISTERED, new UserDisabled(ALICE, "left")).when(new EnableUserCommand(ALICE)).expectEvents(new UserEnabled(ALICE));
        fixture.given(REGISTERED).when(new EnableUserCommand(ALICE)).expectNoEvents();
    }

    @Test
    void changesPassword() {
        fixture.given(REGISTERED).when(new ChangePasswordCommand(ALICE, "$2a$new")).expectEvents(new PasswordChanged(ALICE, "$2a$new"));
        fixture.given(REGISTERED, new UserDisabled(ALICE, "left")).when(new ChangePasswordCommand(ALICE, "$2a$new"))
                .expectEvents(new PasswordChanged(ALICE, "$2a$new"));
    }

    @Test
    void refusesAnEmptyPassword() {
        fixture.given(REGISTERED).when(new ChangePasswordCommand(ALICE, " "))
                .expectException(IllegalArgumentException.class).expectExceptionMessage("a user needs a password").expectNoEvents();
        fixture.given(REGISTERED).when(new ChangePasswordCommand(ALICE, null))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aDisabledUserCanStillBeCreditedAndReEnabledAndItsStateSurvivesReplay() {
        fixture.given(REGISTERED, new CreditAdjusted(ALICE, -20, 30, "billing"), new UserDisabled(ALICE, "left"),
                        new UserEnabled(ALICE))
                .when(new AdjustCreditCommand(ALICE, 970, "grant"))
                .expectEvents(new CreditAdjusted(ALICE, 970, 1000, "grant"))
                .expectResultMessagePayload(1000L);
    }
}

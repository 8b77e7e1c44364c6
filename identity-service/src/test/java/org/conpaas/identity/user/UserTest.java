package org.conpaas.identity.user;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.api.AdjustCreditCommand;
import org.conpaas.identity.user.api.ChangePasswordCommand;
import org.conpaas.identity.user.api.ChargeCreditCommand;
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
            new UserRegistered(ALICE, "alice", "alice@example.org", "VU", Role.USER, 50, 1000, null);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void registers() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("Alice"), "alice@example.org", "VU", Role.USER, 50, 1000, null))
                .expectEvents(REGISTERED);
    }

    @Test
    void registersAUserOfAnExternalIdentityProvider() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("alice"), null, null, Role.USER, 50, 1000,
                        "https://idp.contrail.eu|alice@contrail"))
                .expectEvents(new UserRegistered(ALICE, "alice", null, null, Role.USER, 50, 1000,
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
        fixture.given(new UserRegistered(ALICE, "alice", null, null, Role.USER, 50, 1000, "contrail|alice"))
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
    void refusesCreditAboveTheMaximum() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ALICE, Username.of("alice"), null, null, Role.USER, 5000, 1000, null))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void billingChargesWhatTheCreditCanPayNamingTheNodeAndNothingOnceItIsSpent() {
        org.conpaas.contracts.id.NodeId node = org.conpaas.contracts.id.NodeId.of("node-7");
        fixture.given(REGISTERED, new CreditAdjusted(ALICE, -48, 2, "billing"))
                .when(new ChargeCreditCommand(ALICE, node, 3, "billing: node node-7 "))
                .expectEvents(new CreditAdjusted(ALICE, -2, 0, "billing: node node-7 ", node))
                .expectResultMessagePayload(0L);
        fixture.given(REGISTERED, new CreditAdjusted(ALICE, -50, 0, "billing"))
                .when(new ChargeCreditCommand(ALICE, node, 1, "billing: node node-7 "))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
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
    void changesPasswordWithoutTheHashInTheEvent() {
        fixture.given(REGISTERED).when(new ChangePasswordCommand(ALICE)).expectEvents(new PasswordChanged(ALICE));
        fixture.given(REGISTERED, new UserDisabled(ALICE, "left")).when(new ChangePasswordCommand(ALICE))
                .expectEvents(new PasswordChanged(ALICE));
    }

    /** Events are kept for ever: a password hash in one could never be erased (PasswordStore keeps it instead). */
    @Test
    void noEventOrCommandCarriesAPassword() throws Exception {
        for (Class<?> message : new Class<?>[]{UserRegistered.class, PasswordChanged.class, RegisterUserCommand.class,
                ChangePasswordCommand.class}) {
            org.assertj.core.api.Assertions.assertThat(java.util.Arrays.stream(message.getRecordComponents())
                            .map(c -> c.getName().toLowerCase(java.util.Locale.ROOT)))
                    .as(message.getSimpleName()).noneMatch(name -> name.contains("password") || name.contains("hash"));
        }
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

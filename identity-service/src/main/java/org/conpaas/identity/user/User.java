package org.conpaas.identity.user;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
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
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A ConPaaS account: who it is, what it may do, its credit, whether it may log in. Its password's
 * hash is no part of it (nor of its events, which can never be erased): PasswordStore keeps it.
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER)
public class User {

    @AggregateIdentifier
    private UserId userId;
    private CreditBalance credit;
    private boolean enabled;
    private final Set<String> externalIds = new HashSet<>();

    protected User() {
        // for Axon
    }

    @CommandHandler
    public User(RegisterUserCommand command) {
        new CreditBalance(command.credit(), command.maxCredit());
        apply(new UserRegistered(command.userId(), command.username().value(), command.email(), command.affiliation(),
                command.role(), command.credit(), command.maxCredit(), command.externalId()));
    }

    @CommandHandler
    public long handle(AdjustCreditCommand command) {
        if (command.delta() == 0) {
            throw new IllegalArgumentException("a credit change of 0 changes nothing");
        }
        CreditBalance next = credit.plus(command.delta());
        apply(new CreditAdjusted(userId, command.delta(), next.value(), command.reason()));
        return next.value();
    }

    @CommandHandler
    public long handle(ChargeCreditCommand command) {
        long charge = Math.min(command.credits(), credit.value());
        long balance = credit.value() - charge;
        if (charge > 0) {
            apply(new CreditAdjusted(userId, -charge, balance, command.reason(), command.nodeId()));
        }
        return balance;
    }

    @CommandHandler
    public void handle(DisableUserCommand command) {
        if (enabled) {
            apply(new UserDisabled(userId, command.reason()));
        }
    }

    @CommandHandler
    public void handle(EnableUserCommand command) {
        if (!enabled) {
            apply(new UserEnabled(userId));
        }
    }

    @CommandHandler
    public void handle(ChangePasswordCommand command) {
        apply(new PasswordChanged(userId));
    }

    /** Linking an identity the user already has changes nothing; one another user has is refused by the read model. */
    @CommandHandler
    public void handle(LinkExternalIdentityCommand command) {
        if (!externalIds.contains(command.identity().value())) {
            apply(new ExternalIdentityLinked(userId, command.identity().issuer(), command.identity().subject(), command.linkedBy()));
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        credit = new CreditBalance(event.credit(), event.maxCredit());
        enabled = true;
        if (event.externalId() != null) {
            externalIds.add(event.externalId());
        }
    }

    @EventSourcingHandler
    void on(ExternalIdentityLinked event) {
        externalIds.add(new ExternalIdentity(event.issuer(), event.subject()).value());
    }

    @EventSourcingHandler
    void on(CreditAdjusted event) {
        credit = new CreditBalance(event.balance(), credit.max());
    }

    @EventSourcingHandler
    void on(UserDisabled event) {
        enabled = false;
    }

    @EventSourcingHandler
    void on(UserEnabled event) {
        enabled = true;
    }
}

package org.conpaas.identity.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.UserId;

/** Records a password change; Registration.changePassword keeps the new hash out of the command and its event. */
public record ChangePasswordCommand(@TargetAggregateIdentifier UserId userId) {
}

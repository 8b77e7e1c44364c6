package org.conpaas.identity.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.Role;
import org.conpaas.identity.user.Username;

public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, Username username, String email,
                                  String affiliation, Role role, long credit, long maxCredit,
                                  String externalId) {
}

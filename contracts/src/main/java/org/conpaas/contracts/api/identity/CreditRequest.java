package org.conpaas.contracts.api.identity;

/** Body of POST /api/users/{id}/credit (administrators): credit to add (or, negative, take away). */
public record CreditRequest(long delta, String reason) {
}

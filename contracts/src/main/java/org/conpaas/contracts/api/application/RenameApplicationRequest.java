package org.conpaas.contracts.api.application;

/** Body of PATCH /api/apps/{id}. */
public record RenameApplicationRequest(String name) {
}

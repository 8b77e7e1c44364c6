package org.conpaas.contracts.api.application;

/** Body of POST /api/apps. */
public record CreateApplicationRequest(String name) {
}

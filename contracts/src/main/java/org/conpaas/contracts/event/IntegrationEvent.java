package org.conpaas.contracts.event;

/**
 * An event one service publishes for others over the broker. Implementations are records whose
 * first component is the {@link EventHeader}; their JSON shape is guarded by contract tests.
 */
public interface IntegrationEvent {
    EventHeader header();
}

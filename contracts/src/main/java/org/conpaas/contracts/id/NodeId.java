package org.conpaas.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a provisioned node; travels as its plain string form. */
public record NodeId(@JsonValue String value) {
    public NodeId {
        Objects.requireNonNull(value, "node id");
    }

    @JsonCreator
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    public static NodeId random() {
        return new NodeId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.conpaas.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a ConPaaS user; travels as its plain string form. */
public record UserId(@JsonValue String value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.conpaas.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies an application; travels as its plain string form. */
public record ApplicationId(@JsonValue String value) {
    public ApplicationId {
        Objects.requireNonNull(value, "application id");
    }

    @JsonCreator
    public static ApplicationId of(String value) {
        return new ApplicationId(value);
    }

    public static ApplicationId random() {
        return new ApplicationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.conpaas.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a service inside an application; travels as its plain string form. */
public record ServiceId(@JsonValue String value) {
    public ServiceId {
        Objects.requireNonNull(value, "service id");
    }

    @JsonCreator
    public static ServiceId of(String value) {
        return new ServiceId(value);
    }

    public static ServiceId random() {
        return new ServiceId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.conpaas.contracts.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names an integration event on the wire: its routing key and the version of its shape. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    String value();

    int version() default 1;

    /**
     * Older versions whose messages this record still reads (each a subset of this shape: the
     * fields it lacks arrive as null and the record gives them their default), so producers and
     * consumers of one event need not be upgraded at the same instant.
     */
    int[] alsoReads() default {};
}

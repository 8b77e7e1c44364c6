package org.conpaas.kit.web;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * A primitive's deserializer that refuses an explicit {@code null} but lets an absent field keep
 * the primitive's default (Jackson's FAIL_ON_NULL_FOR_PRIMITIVES refuses both, and with it every
 * integration event sent before a field was added).
 */
final class NullRefusingDeserializer extends DelegatingDeserializer {

    private final Object absent;

    NullRefusingDeserializer(JsonDeserializer<?> primitive, Object absent) {
        super(primitive);
        this.absent = absent;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new NullRefusingDeserializer(delegate, absent);
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
        return context.reportInputMismatch(this, "null where a %s is expected", handledType().getName());
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return absent;
    }
}

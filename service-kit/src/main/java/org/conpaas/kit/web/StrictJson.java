package org.conpaas.kit.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;

/**
 * Request bodies mean exactly what they say: one JSON value and nothing after it, numbers and
 * booleans as JSON numbers and booleans (not {@code "3"}, not {@code 3.7} for a whole number,
 * not {@code null} for a primitive), text as JSON strings, enums by name. Applied to the
 * ObjectMapper of every service (its HTTP bodies and the integration events it reads); Axon's
 * event store has its own mapper and is not affected.
 */
public final class StrictJson implements Jackson2ObjectMapperBuilderCustomizer {

    @Override
    public void customize(org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder) {
        builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(StrictJson::refuseCoercion);
    }

    @SuppressWarnings("unchecked")
    private static <T> void refuseNull(SimpleModule module, Class<T> primitive, Object absent) {
        JsonDeserializer<?> standard = NumberDeserializers.find(primitive, primitive.getName());
        module.addDeserializer(primitive, (JsonDeserializer<T>) new NullRefusingDeserializer(standard, absent));
    }

    static void refuseCoercion(ObjectMapper mapper) {
        SimpleModule nullRefusing = new SimpleModule("conpaas-strict-primitives");
        refuseNull(nullRefusing, int.class, 0);
        refuseNull(nullRefusing, long.class, 0L);
        refuseNull(nullRefusing, short.class, (short) 0);
        refuseNull(nullRefusing, byte.class, (byte) 0);
        refuseNull(nullRefusing, double.class, 0.0d);
        refuseNull(nullRefusing, float.class, 0.0f);
        refuseNull(nullRefusing, boolean.class, false);
        mapper.registerModule(nullRefusing);
        for (LogicalType number : new LogicalType[]{LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}

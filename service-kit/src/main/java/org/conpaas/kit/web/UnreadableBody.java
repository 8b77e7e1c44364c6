package org.conpaas.kit.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.lang.reflect.Executable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Says in the caller's terms what is wrong with a request body Jackson could not read — "field
 * 'nodes' must be a whole number" — and never repeats Jackson's message, which names Java types.
 */
final class UnreadableBody {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,64})'");

    private UnreadableBody() {
    }

    static String detail(HttpMessageNotReadableException e) {
        JsonProcessingException json = find(e, JsonProcessingException.class);
        if (json == null) {
            return "the request needs a JSON body";
        }
        if (json instanceof StreamConstraintsException) {
            return "the request body's JSON is nested too deeply or holds a value too long";
        }
        if (json instanceof JsonEOFException) {
            return "the request body is not valid JSON: it ends before its value is complete";
        }
        String message = String.valueOf(json.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "field '" + duplicate.group(1) + "' appears more than once";
        }
        if (message.startsWith("Trailing token")) {
            return "the request body must be one JSON value with nothing after it";
        }
        if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return subject(mismatch) + " must be " + expected(mismatch.getTargetType());
        }
        if (json instanceof JsonMappingException mapping) {
            return mapping.getPath().isEmpty() ? "the request body does not have the expected shape"
                    : subject(mapping) + " has an invalid value";
        }
        return "the request body is not valid JSON" + at(json.getLocation());
    }

    private static String subject(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "the request body";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String name = path.length() > 80 ? path.substring(0, 80) + "…" : path.toString();
        return "field '" + name + "'";
    }

    /** What a JSON value of this Java type looks like, in words. */
    static String expected(Class<?> type) {
        return expected(type, 0);
    }

    private static String expected(Class<?> type, int depth) {
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == UUID.class) {
            return "a UUID as text";
        }
        if (Temporal.class.isAssignableFrom(type) || type == java.time.Duration.class) {
            return "an ISO 8601 date, time or duration as text";
        }
        if (type.isEnum()) {
            String names = Arrays.stream(type.getEnumConstants()).map(c -> "'" + c + "'").collect(Collectors.joining(", "));
            return "one of " + names;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        Class<?> delegate = depth < 3 ? delegateOf(type) : null;
        return delegate != null ? expected(delegate, depth + 1) : "an object";
    }

    /** The one value a type is made from, when it is created from a single JSON value (typed ids, names). */
    private static Class<?> delegateOf(Class<?> type) {
        return Stream.concat(Arrays.stream(type.getDeclaredMethods()), Arrays.stream(type.getDeclaredConstructors()))
                .filter(m -> m.isAnnotationPresent(JsonCreator.class))
                .filter(m -> m.getAnnotation(JsonCreator.class).mode() != JsonCreator.Mode.PROPERTIES)
                .filter(m -> m.getParameterCount() == 1)
                .map(Executable::getParameterTypes)
                .map(p -> p[0])
                .findFirst().orElse(null);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How a table shows the API's values to a person: a field name as header words
 * ({@code createdAt} → {@code CREATED AT}), an instant to the second in the user's time zone.
 */
final class Cells {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Cells() {
    }

    static String header(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase();
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isArray() && java.util.stream.StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isValueNode)) {
            java.util.List<String> items = new java.util.ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return items.isEmpty() ? "-" : String.join(",", items);
        }
        if (!value.isValueNode()) {
            return value.toString();
        }
        String text = value.asText();
        return value.isTextual() && INSTANT.matcher(text).matches() ? time(text) : text;
    }

    /** An ISO instant in the zone of this machine (TZ), to the second. */
    static String time(String iso) {
        try {
            return LOCAL.format(java.time.OffsetDateTime.parse(iso).toInstant().atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}

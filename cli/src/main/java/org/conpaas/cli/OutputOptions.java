package org.conpaas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code --output table|json}: tables for people, JSON (the API's own) for scripts. */
public class OutputOptions {

    enum Format { table, json }

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    Format format;

    /** Prints one object, or a list, with the given columns (field names of the API's JSON). */
    void print(PrintWriter out, JsonNode value, String... columns) {
        if (format == Format.json) {
            try {
                out.println(Director.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new CliFailure(e.getMessage());
            }
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(rows::add);
        } else {
            rows.add(value);
        }
        table(out, rows, columns);
    }

    static void table(PrintWriter out, List<JsonNode> rows, String... columns) {
        int[] width = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            width[c] = columns[c].length();
            for (JsonNode row : rows) {
                width[c] = Math.max(width[c], cell(row, columns[c]).length());
            }
        }
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < columns.length; c++) {
            header.append(String.format("%-" + (width[c] + 2) + "s", columns[c].toUpperCase()));
        }
        out.println(header.toString().stripTrailing());
        for (JsonNode row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.length; c++) {
                line.append(String.format("%-" + (width[c] + 2) + "s", cell(row, columns[c])));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(JsonNode row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() ? "-" : v.isValueNode() ? v.asText() : v.toString();
    }
}

package org.conpaas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --output table|json|yaml}: tables for people (headers in words, times to the second in
 * the user's zone), JSON or YAML with the API's full values for scripts.
 */
public class OutputOptions {

    enum Format { table, json, yaml }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}); json and yaml keep the API's full values")
    Format format;

    /** True when the output is for scripts (the API's values, not a table). */
    boolean structured() {
        return format != Format.table;
    }

    /** Prints one object, or a list, with the given columns (field names of the API's JSON). */
    void print(PrintWriter out, JsonNode value, String... columns) {
        if (structured()) {
            try {
                out.print(format == Format.json
                        ? Director.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + System.lineSeparator()
                        : YAML.writeValueAsString(value));
                out.flush();
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
        String[] headers = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            headers[c] = Cells.header(columns[c]);
            width[c] = headers[c].length();
            for (JsonNode row : rows) {
                width[c] = Math.max(width[c], Cells.text(row.get(columns[c])).length());
            }
        }
        line(out, width, headers);
        for (JsonNode row : rows) {
            String[] cells = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                cells[c] = Cells.text(row.get(columns[c]));
            }
            line(out, width, cells);
        }
    }

    private static void line(PrintWriter out, int[] width, String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(String.format("%-" + (width[c] + 2) + "s", cells[c]));
        }
        out.println(line.toString().stripTrailing());
    }
}

package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "audit", description = "Show who did what, when, to which object (yours; an administrator sees everyone's), newest first.")
class AuditCommand implements Runnable {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Option(names = "--app", paramLabel = "APP", description = "only what concerns this application (name or id)")
    String app;
    @Option(names = "--user", paramLabel = "NAME", description = "only what this user did (administrators; a name or id)")
    String user;
    @Option(names = "--since", paramLabel = "WHEN", description = "only since then: an age (30m, 2h, 7d) or a time (2026-12-07T09:00:00Z)")
    String since;
    @Option(names = "--until", paramLabel = "WHEN", description = "only before then: an age or a time, like --since")
    String until;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most this many entries (1..500, default ${DEFAULT-VALUE})")
    int limit;

    private final CpsConfig config;

    AuditCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        if (limit < 1 || limit > 500) {
            throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 500");
        }
        Director director = new Director(config);
        Map<String, String> query = new java.util.LinkedHashMap<>();
        Map<String, String> appNames = new HashMap<>();
        for (JsonNode a : director.get("/api/apps")) {
            appNames.put(a.path("id").asText(), a.path("name").asText());
        }
        if (app != null) {
            query.put("app", appNames.containsKey(app) ? app : director.application(app).path("id").asText());
        }
        if (user != null) {
            query.put("user", director.userId(user));
        }
        if (since != null) {
            query.put("since", when("--since", since).toString());
        }
        if (until != null) {
            query.put("until", when("--until", until).toString());
        }
        query.put("limit", String.valueOf(limit));
        StringBuilder path = new StringBuilder("/api/audit");
        char separator = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            path.append(separator).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        JsonNode page = director.get(path.toString());
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            output.print(out, page);
            return;
        }
        ArrayNode rows = Director.JSON.createArrayNode();
        for (JsonNode entry : page.path("entries")) {
            ObjectNode row = rows.addObject();
            row.set("at", entry.get("at"));
            row.put("who", entry.path("actor").path("name").asText(entry.path("actor").path("id").asText()));
            row.put("what", entry.path("action").asText());
            String objectId = entry.path("object").path("id").asText();
            row.put("object", entry.path("object").path("type").asText().toLowerCase(Locale.ROOT) + " "
                    + (objectId.length() > 8 ? objectId.substring(0, 8) : objectId));
            String application = entry.path("application").asText("");
            row.put("application", application.isEmpty() ? "-" : appNames.getOrDefault(application, application));
        }
        if (rows.isEmpty()) {
            out.println("nothing recorded" + (query.size() > 1 ? " that matches" : ""));
        } else {
            output.print(out, rows, "at", "who", "what", "object", "application");
        }
        if (!page.path("unavailable").isEmpty()) {
            out.println("not shown: what " + String.join(", ", Director.JSON.convertValue(page.path("unavailable"), String[].class))
                    + " recorded (the service did not answer)");
        }
        out.flush();
    }

    private Instant when(String option, String value) {
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(d);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + " must be an age such as 30m, 2h or 7d, or a time such as 2026-12-07T09:00:00Z");
        }
    }
}

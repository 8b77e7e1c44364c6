package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code cps push}: makes an application match a manifest (conpaas.yml). The application is
 * created when missing; the director adds and configures the services; each service's code (a
 * directory, zip or tar.gz beside the manifest) is uploaded when it differs from the newest
 * version; then the director starts or scales the services, pushed again while a service must
 * settle first. One line per step, then each service's state, nodes and address.
 */
@Command(name = "push", description = "Create or update an application to match a manifest (conpaas.yml): services, code,"
        + " environment, health checks, bindings and node counts. Pushing the same manifest again changes nothing.")
class PushCommand implements Runnable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SETTLING = Set.of("PROLOGUE", "ADAPTING", "EPILOGUE");
    private static final int MAX_ROUNDS = 6;

    @Spec
    CommandSpec spec;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "the manifest (default: conpaas.yml here)")
    Path file = Path.of("conpaas.yml");
    @Option(names = "--app", paramLabel = "APP", description = "the application (default: the manifest's application)")
    String app;
    @Option(names = "--dry-run", description = "only say what would change")
    boolean dryRun;
    @Option(names = "--no-wait", description = "return once the changes are asked for, without waiting for the services to settle")
    boolean noWait;
    @Option(names = "--timeout", defaultValue = "900", paramLabel = "SECONDS",
            description = "stop waiting after this many seconds (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;
    private final CpsConfig config;

    PushCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String text = read();
        JsonNode manifest = parse(text);
        String name = app != null ? app : manifest.path("application").asText(null);
        if (name == null || name.isBlank()) {
            throw new CliFailure(file + " names no application: add 'application: NAME' or give --app NAME");
        }
        // the application is the one named here (--app may push a manifest to another): the director gets it in JSON
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest).put("application", name);
        String document = manifest.toString();
        Director director = new Director(config);
        String appId = applicationId(director, name, out);
        String manifestPath = "/api/apps/" + appId + "/manifest";
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        if (dryRun) {
            report(director.putDocument(manifestPath + "?dryRun=true", document, "application/json"), out);
            codeChanges(director, appId, manifest, out, false);
            return;
        }
        report(director.putDocument(manifestPath + "?scale=false", document, "application/json"), out);
        codeChanges(director, appId, manifest, out, true);
        for (int round = 1; ; round++) {
            JsonNode pushed = director.putDocument(manifestPath, document, "application/json");
            report(pushed, out);
            if (!pushed.path("pending").asBoolean() || noWait) {
                break;
            }
            if (round == MAX_ROUNDS) {
                throw new CliFailure("the services did not reach the manifest's node counts in " + MAX_ROUNDS + " rounds; push again");
            }
            awaitSettled(director, appId, deadline, out);
        }
        if (!noWait) {
            awaitSettled(director, appId, deadline, out);
        }
        summary(director, appId, out);
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read the manifest " + file + ": " + e.getMessage());
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode manifest = YAML.readTree(text);
            if (manifest == null || !manifest.isObject()) {
                throw new CliFailure(file + " is not a manifest: a mapping with application and services");
            }
            return manifest;
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() : "";
            throw new CliFailure(file + " is not YAML" + where + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                    ? p.getOriginalMessage() : e.getMessage()));
        }
    }

    private String applicationId(Director director, String name, PrintWriter out) {
        for (JsonNode a : director.get("/api/apps")) {
            if (a.path("id").asText().equals(name) || a.path("name").asText().equals(name)) {
                return a.path("id").asText();
            }
        }
        if (dryRun) {
            throw new CliFailure("you have no application " + name + " yet: a push creates it (without --dry-run)");
        }
        String id = director.post("/api/apps", Map.of("name", name)).path("id").asText();
        out.println(name + ": application created");
        out.flush();
        // vpn-service allocates its network moments later: services start once it is there
        Instant until = Instant.now().plusSeconds(60);
        while (director.getIfFound("/api/apps/" + id + "/network").isEmpty()) {
            if (Instant.now().isAfter(until)) {
                throw new CliFailure("the application's network was not allocated within 60 s; run cps check");
            }
            sleep(Duration.ofMillis(300));
        }
        return id;
    }

    /** Uploads each service's code that differs from its newest version (or, with {@code upload} false, says so). */
    private void codeChanges(Director director, String appId, JsonNode manifest, PrintWriter out, boolean upload) {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        for (JsonNode s : director.get("/api/apps/" + appId + "/services")) {
            services.put(s.path("name").asText(), s);
        }
        Path base = file.toAbsolutePath().getParent();
        for (JsonNode wanted : manifest.path("services")) {
            String code = wanted.path("code").asText(null);
            if (code == null || code.isBlank()) {
                continue;
            }
            String name = wanted.path("name").asText();
            CodeArchive archive = CodeArchive.of(base.resolve(code));
            JsonNode service = services.get(name);
            if (service != null && archive.sha256().equals(service.path("codeSha256").asText(null))) {
                continue;
            }
            if (!upload) {
                out.println(name + ": new code from " + code + " (would be uploaded)");
                continue;
            }
            if (service == null) {
                throw new CliFailure("service " + name + " was not added; its code cannot be uploaded");
            }
            JsonNode version = director.uploadBytes("/api/apps/" + appId + "/services/" + service.path("id").asText() + "/code",
                    archive.bytes());
            out.println(name + ": code version " + version.path("version").asInt() + " uploaded from " + code + " ("
                    + archive.bytes().length + " bytes)");
            out.flush();
        }
    }

    private static void report(JsonNode answer, PrintWriter out) {
        answer.path("steps").forEach(step -> out.println(step.asText()));
        answer.path("notes").forEach(note -> out.println("note: " + note.asText()));
        out.flush();
    }

    /** Waits until no service is starting, scaling or stopping and no release is rolling out. */
    private static void awaitSettled(Director director, String appId, Instant deadline, PrintWriter out) {
        while (true) {
            boolean settling = false;
            String waitingFor = null;
            for (JsonNode s : director.get("/api/apps/" + appId + "/services")) {
                JsonNode full = director.get("/api/apps/" + appId + "/services/" + s.path("id").asText());
                boolean rolling = "ROLLING_OUT".equals(full.path("release").path("state").asText());
                if (SETTLING.contains(full.path("state").asText()) || rolling) {
                    settling = true;
                    waitingFor = full.path("name").asText() + " (" + (rolling ? "release rolling out" : full.path("state").asText()) + ")";
                    break;
                }
            }
            if (!settling) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CliFailure("still waiting for " + waitingFor + " after the timeout; cps app show to follow it");
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private static void summary(Director director, String appId, PrintWriter out) {
        out.println();
        for (JsonNode s : director.get("/api/apps/" + appId + "/services")) {
            JsonNode full = director.get("/api/apps/" + appId + "/services/" + s.path("id").asText());
            out.println(full.path("name").asText() + " (" + full.path("type").asText() + "): " + full.path("state").asText() + ", "
                    + ServiceSummary.activeNodes(full) + " node(s)"
                    + (full.hasNonNull("release") ? ", code version " + full.path("release").path("codeVersion").asInt() : "")
                    + (full.hasNonNull("url") ? ", " + full.path("url").asText() : ""));
        }
        out.flush();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}

package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code cps app export APP [-d DIR]}: the application as a manifest. With a directory, each
 * service's running code version is downloaded beside it and named in the manifest, so
 * {@code cps push -f DIR/conpaas.yml --app OTHER} makes an identical application.
 */
@Command(name = "export", description = "Write an application as a manifest (conpaas.yml); with -d, also each service's code beside it,"
        + " ready for cps push.")
class AppExportCommand implements Runnable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Spec
    CommandSpec spec;
    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "write DIR/conpaas.yml and the services' code there"
            + " (default: print the manifest, without code)")
    Path dir;
    @Parameters(paramLabel = "APP", description = "the application (name or id)")
    String app;
    private final CpsConfig config;

    AppExportCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        Director director = new Director(config);
        String appId = director.application(app).path("id").asText();
        JsonNode manifest = director.get("/api/apps/" + appId + "/manifest");
        try {
            if (dir == null) {
                spec.commandLine().getOut().print(YAML.writeValueAsString(manifest));
                spec.commandLine().getOut().flush();
                return;
            }
            Files.createDirectories(dir);
            int archives = 0;
            for (JsonNode service : manifest.path("services")) {
                String name = service.path("name").asText();
                JsonNode listed = null;
                for (JsonNode s : director.get("/api/apps/" + appId + "/services")) {
                    if (s.path("name").asText().equals(name)) {
                        listed = s;
                    }
                }
                if (listed == null || listed.path("codeVersion").asInt() < 1) {
                    continue;
                }
                Path partial = Files.createTempFile(dir.toAbsolutePath(), ".cps-export-", ".part");
                try {
                    director.download("/api/apps/" + appId + "/services/" + listed.path("id").asText() + "/code", partial);
                    String file = name + ServiceDownloadCommand.extension(partial);
                    Files.move(partial, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    ((ObjectNode) service).put("code", file);
                    archives++;
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            Path written = dir.resolve("conpaas.yml");
            Files.writeString(written, YAML.writeValueAsString(manifest));
            spec.commandLine().getOut().println("wrote " + written + " and " + archives + " code archive(s); cps push -f " + written
                    + " [--app NEW-NAME] makes the same application");
        } catch (IOException e) {
            throw new CliFailure("could not write the export: " + e.getMessage());
        }
    }
}

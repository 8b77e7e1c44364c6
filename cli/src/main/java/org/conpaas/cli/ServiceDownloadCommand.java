package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

@Command(name = "download", description = "Download a code version of a service (default: the one its nodes run).")
class ServiceDownloadCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
    String app;
    @Option(names = "--version", paramLabel = "N", description = "the code version (cps service versions lists them)")
    Integer version;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "where to write it (default: NAME-vN.zip or .tar.gz here)")
    Path file;
    @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2", description = "the service, after its application when --app is not given")
    List<String> words;
    private final CpsConfig config;

    ServiceDownloadCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 0);
        Director director = new Director(config);
        String path = ServicePath.of(director, target);
        JsonNode service = director.get(path);
        int wanted = version != null ? version : service.path("release").path("codeVersion").asInt(service.path("codeVersion").asInt());
        if (wanted < 1) {
            throw new CliFailure("the service has no code yet (cps service upload)");
        }
        try {
            Path partial = Files.createTempFile(Path.of("").toAbsolutePath(), ".cps-download-", ".part");
            try {
                director.download(path + "/code?version=" + wanted, partial);
                Path to = file != null ? file : Path.of(service.path("name").asText() + "-v" + wanted + extension(partial));
                Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING);
                spec.commandLine().getOut().println("code version " + wanted + " written to " + to + " (" + Files.size(to) + " bytes)");
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new CliFailure("could not write the archive: " + e.getMessage());
        }
    }

    static String extension(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 0x1f && (head[1] & 0xff) == 0x8b ? ".tar.gz" : ".zip";
        }
    }
}

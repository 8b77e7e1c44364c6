package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dumps, loads and backups of a mysql service: cps service mysql dump|load|archives. */
final class ServiceMysqlArchiveCommands {

    private ServiceMysqlArchiveCommands() {
    }

    /** The service's database path: …/services/{id}/mysql. */
    static String databasePath(Director director, CommandSpec spec, String app, List<String> words, int rest) {
        return ServicePath.of(director, ServiceTarget.of(spec, app, words, rest)) + "/mysql";
    }

    @Command(name = "dump", description = "Dump a mysql service's databases (gzipped SQL) to a file: [APP] NAME [-f FILE].")
    static class Dump implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "where to write it (default: dump-<id>.sql.gz here)")
        Path file;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2",
                description = "the service, after its application when --app is not given")
        List<String> words;
        private final CpsConfig config;

        Dump(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            String path = databasePath(director, spec, app, words, 0);
            JsonNode archive = director.post(path + "/dumps", Map.of());
            String id = archive.path("id").asText();
            DatabaseJobProgress.await(director, "/api/database-archives/" + id, "the dump");
            Path target = file != null ? file : Path.of("dump-" + id + ".sql.gz");
            director.download("/api/database-archives/" + id + "/file", target);
            spec.commandLine().getOut().println("dumped to " + target + " (archive " + id + ", kept: cps service mysql archives)");
        }
    }

    @Command(name = "load", description = "Load an SQL file (plain or gzipped, e.g. a dump) into a mysql service: [APP] NAME FILE.")
    static class Load implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME FILE", arity = "2..3",
                description = "the service, after its application when --app is not given, then the file")
        List<String> words;
        private final CpsConfig config;

        Load(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
            if (target.rest().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give the SQL file to load after the service");
            }
            Path file = Path.of(target.rest().get(0));
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "no file " + file + ": give the SQL file to load");
            }
            Director director = new Director(config);
            String path = ServicePath.of(director, target) + "/mysql";
            JsonNode load = director.upload(path + "/load", file);
            JsonNode done = DatabaseJobProgress.await(director, path + "/imports/" + load.path("id").asText(), "the load");
            spec.commandLine().getOut().println("loaded: " + done.path("detail").asText());
        }
    }

    @Command(name = "archives", description = "List a mysql service's dumps and scheduled backups (ids for cps service restore): [APP] NAME.")
    static class Archives implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2",
                description = "the service, after its application when --app is not given")
        List<String> words;
        private final CpsConfig config;

        Archives(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            JsonNode archives = director.get(databasePath(director, spec, app, words, 0) + "/archives");
            if (output.structured()) {
                output.print(spec.commandLine().getOut(), archives);
                return;
            }
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode a : archives) {
                ObjectNode row = a.deepCopy();
                row.put("size", a.path("sizeBytes").isNull() ? "" : a.path("sizeBytes").asText());
                rows.add(row);
            }
            OutputOptions.table(spec.commandLine().getOut(), rows, "id", "kind", "state", "requestedAt", "size", "detail");
        }
    }

    @Command(name = "restore", description = "Load a dump or backup of any of your mysql services (a removed one's too) into this one: "
            + "[APP] NAME --from ARCHIVE.")
    static class Restore implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Option(names = "--from", paramLabel = "ARCHIVE", required = true, description = "the archive's id (cps service mysql archives)")
        String from;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] NAME", arity = "1..2",
                description = "the service, after its application when --app is not given")
        List<String> words;
        private final CpsConfig config;

        Restore(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            String path = databasePath(director, spec, app, words, 0);
            JsonNode load = director.post(path + "/restore", Map.of("from", from));
            DatabaseJobProgress.await(director, path + "/imports/" + load.path("id").asText(), "the restore");
            spec.commandLine().getOut().println("restored archive " + from + " into the service");
        }
    }
}

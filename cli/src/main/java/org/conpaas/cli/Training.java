package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A training run for the JVM's class-data sharing archive the cps script keeps beside the jar
 * ({@code -XX:ArchiveClassesAtExit}): it loads what a command loads — every command's model and
 * help, JSON and YAML, an HTTPS client and a refused connection — so that later runs map those
 * classes in at once instead of loading them (cps answers in about half the time).
 */
public final class Training {

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("cps-training");
        try {
            CommandLine cli = Cps.commandLine(CpsConfig.load(home.resolve("config")));
            StringWriter sink = new StringWriter();
            cli.setOut(new PrintWriter(sink));
            cli.setErr(new PrintWriter(sink));
            visit(cli, sink);
            cli.execute("whoami");
            cli.execute("completion", "bash");
            ObjectMapper json = new ObjectMapper();
            JsonNode node = json.readTree("{\"id\":\"x\",\"items\":[1,2.5,true,null],\"at\":\"2026-01-01T00:00:00Z\"}");
            new ObjectMapper(new YAMLFactory()).writeValueAsString(node);
            new ObjectMapper(new YAMLFactory()).readTree("application: shop\nservices: [{name: db, type: mysql}]\n");
            OutputOptions.table(new PrintWriter(sink), java.util.List.of(node), "id", "at");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
            for (String url : new String[]{"http://127.0.0.1:9/api/me", "https://127.0.0.1:9/api/me"}) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(300)).header("Accept", "application/json")
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException refused) {
                    // nothing listens there: the classes of a request are loaded all the same
                }
            }
            javax.net.ssl.SSLContext.getDefault().createSSLEngine();
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void visit(CommandLine command, StringWriter sink) {
        command.getUsageMessage();
        sink.getBuffer().setLength(0);
        command.getSubcommands().values().forEach(sub -> visit(sub, sink));
    }
}

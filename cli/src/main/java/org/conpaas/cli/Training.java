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
 * help, JSON and YAML, and whoami, app list and catalog over real HTTPS against a stand-in director
 * on loopback — so that later runs map those classes in at once instead of loading and linking them.
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
            if (!againstALocalDirector(home, sink)) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
                for (String url : new String[]{"http://127.0.0.1:9/api/me", "https://127.0.0.1:9/api/me"}) {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(300)).header("Accept", "application/json")
                                .GET().build(), HttpResponse.BodyHandlers.ofString());
                    } catch (java.io.IOException refused) {
                        // nothing listens there: the classes of a request are loaded all the same
                    }
                }
            }
            javax.net.ssl.SSLContext.getDefault().createSSLEngine();
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Runs whoami and app list against a director stand-in on loopback — HTTPS with a throwaway
     * self-signed key made by the JDK's keytool — so that the classes of a real TLS handshake,
     * certificate check and answer are in the archive too. False when keytool is not there.
     */
    private static boolean againstALocalDirector(Path home, StringWriter sink) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            return false;
        }
        Path keystore = home.resolve("training.p12");
        Path pem = home.resolve("training.pem");
        String password = "training";
        if (!run(keytool.toString(), "-genkeypair", "-alias", "director", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password)
                || !run(keytool.toString(), "-exportcert", "-rfc", "-alias", "director", "-keystore", keystore.toString(),
                "-storepass", password, "-file", pem.toString())) {
            return false;
        }
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, password.toCharArray());
        }
        javax.net.ssl.KeyManagerFactory managers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password.toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().equals("/api/me")
                    ? "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"username\":\"training\",\"role\":\"user\",\"credit\":1,"
                    + "\"createdAt\":\"2026-01-01T00:00:00Z\"}"
                    : "[]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path config = home.resolve("director.conf");
            Files.writeString(config, "url=https://127.0.0.1:" + server.getAddress().getPort() + "\ncacert=" + pem + "\ntoken=training\n");
            CommandLine cli = Cps.commandLine(CpsConfig.load(config));
            cli.setOut(new PrintWriter(sink));
            cli.setErr(new PrintWriter(sink));
            cli.execute("whoami");
            cli.execute("app", "list");
            cli.execute("catalog");
            return true;
        } finally {
            server.stop(0);
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
    }

    private static void visit(CommandLine command, StringWriter sink) {
        command.getUsageMessage();
        sink.getBuffer().setLength(0);
        command.getSubcommands().values().forEach(sub -> visit(sub, sink));
    }
}

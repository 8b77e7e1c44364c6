package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Issue 5's measure: time from a start request to RUNNING for a generic service of 1, 5 and 20
 * nodes on the nutshell's local cloud (each node a node-agent JVM that enrolls and heartbeats),
 * beside starting the same number of bare node-agent JVMs (--version) one after another.
 */
final class NodeStartBenchmark {

    private static final List<Integer> SIZES = List.of(1, 5, 20);

    String run() throws Exception {
        StringBuilder table = new StringBuilder("### local nodes: start request to RUNNING\n\n"
                + "| nodes | start → RUNNING | stop → STOPPED | limit: that many bare node-agent JVMs, one by one | ratio |\n"
                + "|---|---|---|---|---|\n");
        try (RunningNutshell nutshell = new RunningNutshell("--set", "conpaas.clouds.definitions.local.max-nodes=25",
                "--set", "conpaas.identity.max-credit=100000")) {
            nutshell.awaitHealthy();
            String admin = nutshell.adminToken();
            nutshell.json("POST", "/api/users", admin,
                    "{\"username\":\"bench\",\"password\":\"bench-secret-1\",\"credit\":1000}");
            String token = nutshell.json("POST", "/api/auth/login", null,
                    "{\"username\":\"bench\",\"password\":\"bench-secret-1\"}").get("accessToken").asText();
            String app = nutshell.json("POST", "/api/apps", token, "{\"name\":\"bench\"}").get("id").asText();
            awaitNetwork(nutshell, token, app);
            for (int nodes : SIZES) {
                String path = "/api/apps/" + app + "/services/" + nutshell.json("POST", "/api/apps/" + app + "/services", token,
                        "{\"type\":\"generic\",\"name\":\"n" + nodes + "\"}").get("id").asText();
                upload(nutshell, token, path);
                long start = System.nanoTime();
                nutshell.json("POST", path + "/start", token, "{\"nodes\":" + nodes + "}");
                await(nutshell, token, path, "RUNNING");
                long running = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                nutshell.json("POST", path + "/stop", token, null);
                await(nutshell, token, path, "STOPPED");
                long stopped = (System.nanoTime() - start) / 1_000_000;
                long bare = bareAgents(nodes);
                table.append(String.format("| %d | %.1f s | %.1f s | %.1f s | %.1f |%n", nodes, running / 1000.0, stopped / 1000.0,
                        bare / 1000.0, (double) running / bare));
            }
        }
        return table.toString();
    }

    private static void awaitNetwork(RunningNutshell nutshell, String token, String app) throws Exception {
        for (int i = 0; i < 120 && nutshell.call("GET", "/api/apps/" + app + "/network", token, null).statusCode() != 200; i++) {
            Thread.sleep(250);
        }
    }

    private static void await(RunningNutshell nutshell, String token, String path, String state) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            JsonNode service = nutshell.json("GET", path, token, null);
            String now = service.get("state").asText();
            if (now.equals(state)) {
                return;
            }
            if (now.equals("ERROR") || System.nanoTime() > deadline) {
                throw new IllegalStateException("service did not reach " + state + ": " + service);
            }
            Thread.sleep(200);
        }
    }

    static void upload(RunningNutshell nutshell, String token, String path) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("start.sh"));
            zip.write("exec sleep 3600\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + nutshell.port + path + "/code"))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
        HttpResponse<String> uploaded = nutshell.client().send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("upload: " + uploaded.statusCode() + " " + uploaded.body());
        }
    }

    private static long bareAgents(int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of("node-agent/target/node-agent-2.0.0-SNAPSHOT.jar").toString();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar, "--version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

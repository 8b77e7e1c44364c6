package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Issue 18's measure: requests per second and p99 latency of a small PHP page through a php
 * service's proxy (nginx → backend nginx → PHP-FPM, on one local node), beside the same backend hit
 * directly on its port (the limit: what the runtime does without the proxy hop). wrk, 2 threads,
 * 16 connections, 15 s each, bounded to this machine's loopback.
 */
final class WebHostingBenchmark {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: (.*)");

    String run() throws Exception {
        try (RunningNutshell nutshell = new RunningNutshell("--nodes", "local")) {
            nutshell.awaitHealthy();
            String token = nutshell.adminToken();
            String app = nutshell.json("POST", "/api/apps", token, "{\"name\":\"bench-web\"}").get("id").asText();
            for (int i = 0; i < 120 && nutshell.call("GET", "/api/apps/" + app + "/network", token, null).statusCode() != 200; i++) {
                Thread.sleep(250);
            }
            String path = "/api/apps/" + app + "/services/" + nutshell.json("POST", "/api/apps/" + app + "/services", token,
                    "{\"type\":\"php\",\"name\":\"site\"}").get("id").asText();
            upload(nutshell, token, path);
            nutshell.json("POST", path + "/start", token, "{\"nodes\":1}");
            String url = null;
            int backend = 0;
            for (int i = 0; i < 600 && (url == null || backend == 0); i++) {
                JsonNode service = nutshell.json("GET", path, token, null);
                url = service.path("url").asText(null);
                for (JsonNode node : nutshell.json("GET", "/api/nodes", token, null)) {
                    if (node.path("serviceId").asText().equals(service.path("id").asText()) && node.path("ports").has("backend")) {
                        backend = node.path("ports").path("backend").asInt();
                    }
                }
                Thread.sleep(500);
            }
            if (url == null || backend == 0) {
                throw new IllegalStateException("the php service did not come up");
            }
            for (int i = 0; i < 120 && nutshell.client().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() != 200; i++) {
                Thread.sleep(500);
            }
            Result direct = wrk("http://127.0.0.1:" + backend + "/");
            Result proxied = wrk(url);
            return "### php service: a small page through its proxy\n\n"
                    + "| path | requests/s | p99 | failed |\n|---|---|---|---|\n"
                    + String.format("| through the proxy (%s) | %.0f | %.1f ms | %s |%n", url, proxied.rate(), proxied.p99Ms(), proxied.errors())
                    + String.format("| limit: the backend directly | %.0f | %.1f ms | %s |%n", direct.rate(), direct.p99Ms(), direct.errors())
                    + String.format("%nratio (proxied / direct requests/s): %.2f; 1 node (proxy, web, backend) of the local cloud, wrk -t2 -c16 -d15s%n",
                    proxied.rate() / direct.rate());
        }
    }

    record Result(double rate, double p99Ms, String errors) {
    }

    private static Result wrk(String url) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c16", "-d15s", "--latency", url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher rate = RATE.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!rate.find() || !p99.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        double value = Double.parseDouble(p99.group(1));
        double ms = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        Matcher errors = ERRORS.matcher(out);
        StringBuilder failed = new StringBuilder();
        while (errors.find()) {
            failed.append(failed.isEmpty() ? "" : "; ").append(errors.group().strip());
        }
        return new Result(Double.parseDouble(rate.group(1)), ms, failed.isEmpty() ? "0" : failed.toString());
    }

    private static void upload(RunningNutshell nutshell, String token, String path) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.php"));
            zip.write("<?php echo 'hello from ' . gethostname() . \"\\n\";\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpResponse<String> uploaded = nutshell.client().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + nutshell.port + path + "/code"))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 201) {
            throw new IllegalStateException("upload: " + uploaded.statusCode() + " " + uploaded.body());
        }
    }

}

package org.conpaas.nutshell;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a health endpoint what it says. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private Health() {
    }

    static boolean up(String url) {
        return status(url).filter("UP"::equals).isPresent();
    }

    /** The top-level "status" of the answer (UP, DOWN, DEGRADED, …); empty when nothing answers. */
    static Optional<String> status(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = STATUS.matcher(r.body());
            if (m.find()) {
                return Optional.of(r.statusCode() == 200 || !m.group(1).equals("UP") ? m.group(1) : "HTTP " + r.statusCode());
            }
            return Optional.of("HTTP " + r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception notAnswering) {
            return Optional.empty();
        }
    }
}

package org.conpaas.agent;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The backend's health: {@code GET http://<address>:<backend-port><healthPath>}, healthy on 200–399.
 * A php backend's answers carry the release that answered; an answer from another one (nginx's old
 * workers finishing a reload) does not count.
 */
final class HealthCheck {

    /** One check's outcome; {@code answered} false when no HTTP answer (of this release) came. */
    record Result(boolean answered, boolean healthy, String detail) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String address;
    private final int port;

    /** {@code listenAddress} 0.0.0.0 is checked on 127.0.0.1. */
    HealthCheck(String listenAddress, int port) {
        this.address = "0.0.0.0".equals(listenAddress) ? "127.0.0.1" : listenAddress;
        this.port = port;
    }

    Result check(String path, Long expectedRelease, Duration timeout) throws InterruptedException {
        String request = "GET " + path;
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + path))
                    .timeout(timeout).header("User-Agent", "conpaas-health-check").GET().build(), HttpResponse.BodyHandlers.discarding());
            if (expectedRelease != null && !response.headers().firstValue(NginxConfig.RELEASE_HEADER)
                    .equals(java.util.Optional.of(expectedRelease.toString()))) {
                return new Result(false, false, request + " answered by another release");
            }
            int status = response.statusCode();
            return new Result(true, status >= 200 && status < 400, request + " answered " + status);
        } catch (HttpConnectTimeoutException e) {
            return new Result(false, false, request + " failed: connection timed out");
        } catch (HttpTimeoutException e) {
            return new Result(false, false, request + " failed: no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return new Result(false, false, request + " failed: connection refused");
        } catch (IOException e) {
            return new Result(false, false, request + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}

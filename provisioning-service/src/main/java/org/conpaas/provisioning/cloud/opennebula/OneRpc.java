package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudException.Reason;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calls oned's XML-RPC API ({@code http://host:2633/RPC2}) with the session string first, as every
 * OpenNebula method expects, and turns its {@code [ok, value, code]} answer into the value or a
 * {@link CloudException}. Reads and idempotent actions are retried with back-off when the failure
 * may pass (no answer, a proxy's 5xx, an HA cluster without a leader); calls that create something
 * only when the request cannot have reached oned, so a lost answer never starts a second VM.
 */
final class OneRpc {

    /** How often and how long apart a passing failure is retried. */
    record Backoff(int maxAttempts, Duration first, Duration max) {
        static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(8));

        Duration delay(int attempt) {
            long millis = first.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }
    }

    /** The request never left this machine (connection refused or not made in time): safe to send again. */
    private static final class NotSent extends CloudException {
        NotSent(String message, Throwable cause) {
            super(Reason.UNREACHABLE, null, message, cause);
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String session;
    private final Duration requestTimeout;
    private final Backoff backoff;

    OneRpc(HttpClient http, URI endpoint, String session, Duration requestTimeout, Backoff backoff) {
        this.http = http;
        this.endpoint = endpoint;
        this.session = session;
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
    }

    URI endpoint() {
        return endpoint;
    }

    /** A call that changes nothing, or changes it the same way however often it is made. */
    Object read(String method, Object... params) {
        return call(method, true, params);
    }

    /** A call that creates something: sent again only if it cannot have reached oned. */
    Object write(String method, Object... params) {
        return call(method, false, params);
    }

    private Object call(String method, boolean idempotent, Object... params) {
        List<Object> all = new ArrayList<>();
        all.add(session);
        all.addAll(Arrays.asList(params));
        String body = XmlRpc.call(method, all);
        for (int attempt = 1; ; attempt++) {
            try {
                return once(method, body);
            } catch (CloudException failure) {
                boolean again = failure instanceof NotSent
                        || idempotent && (failure.reason() == Reason.UNREACHABLE || failure.reason() == Reason.THROTTLED);
                if (!again || attempt >= backoff.maxAttempts()) {
                    throw failure;
                }
            }
            pause(backoff.delay(attempt));
        }
    }

    private Object once(String method, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new NotSent("OpenNebula " + method + " failed: cannot connect to " + endpoint + " (" + describe(e) + ")", e);
        } catch (IOException e) {
            throw new CloudException(Reason.UNREACHABLE, null,
                    "OpenNebula " + method + " failed: no answer from " + endpoint + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(Reason.UNREACHABLE, null, "OpenNebula " + method + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw OneErrors.httpStatus(method, response.statusCode(), response.body());
        }
        try {
            return result(method, XmlRpc.response(response.body()));
        } catch (XmlRpc.Fault fault) {
            throw OneErrors.fault(method, fault);
        } catch (XmlRpc.MalformedResponse malformed) {
            throw malformed(method, malformed.getMessage(), malformed);
        }
    }

    /** {@code [true, value, 0]} gives the value; {@code [false, message, code, ...]} the classified failure. */
    private Object result(String method, Object answer) {
        if (answer instanceof List<?> items && items.size() >= 3 && items.get(0) instanceof Boolean ok) {
            if (ok) {
                return items.get(1);
            }
            if (items.get(1) instanceof String message && items.get(2) instanceof Integer code) {
                throw OneErrors.refused(method, code, message);
            }
        }
        throw malformed(method, "expected [success, value, error code], got " + answer, null);
    }

    private CloudException malformed(String method, String detail, Throwable cause) {
        return new CloudException(Reason.UNREACHABLE, null,
                "OpenNebula " + method + " failed: " + endpoint + " did not answer as oned does: " + detail, cause);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(Reason.UNREACHABLE, null, "interrupted while backing off", e);
        }
    }
}

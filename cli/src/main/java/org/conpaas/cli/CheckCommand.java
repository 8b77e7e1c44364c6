package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The successor of cpscheck.py: one line per check, OK / WARN / FAIL with what to do; exits 1 when
 * anything FAILs: reachability, clock skew, the director's certificate (its name and expiry), each
 * service's health (which includes its database and broker), the session and each cloud's health.
 */
@Command(name = "check", description = "Check the director and every service; exit 1 on any FAIL.")
class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    private final CpsConfig config;
    private boolean failed;

    CheckCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Director director = new Director(config);
        HttpResponse<String> health;
        try {
            health = director.raw("GET", "/api/platform/health");
        } catch (CliFailure unreachable) {
            String why = unreachable.getMessage();
            if (why.contains("subject alternative") || why.contains("No name matching")) {
                line(out, "FAIL", "certificate", "the director's certificate does not name " + URI.create(director.url()).getHost()
                        + ": start the director with this public URL (nutshell: --public-host NAME; otherwise conpaas.public-url)"
                        + " and it re-issues its certificate, or log in with the URL it names");
            } else {
                line(out, "FAIL", "director", why);
            }
            return 1;
        }
        line(out, "OK", "director", "reachable at " + director.url());
        clock(out, health);
        certificate(out, health);
        services(out, health);
        identityProviders(out, director);
        if (session(out, director)) {
            clouds(out, director);
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private void clock(PrintWriter out, HttpResponse<String> response) {
        var date = response.headers().firstValue("Date");
        if (date.isEmpty()) {
            line(out, "WARN", "clock", "the director sent no Date header: cannot compare clocks");
            return;
        }
        Instant theirs = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        long skew = Math.abs(Duration.between(theirs, Instant.now()).toSeconds());
        if (skew > 60) {
            line(out, "FAIL", "clock", "this machine's clock is " + skew + " s off the director's: tokens will be refused; sync both with NTP");
        } else if (skew > 5) {
            line(out, "WARN", "clock", "this machine's clock is " + skew + " s off the director's: sync both with NTP");
        } else {
            line(out, "OK", "clock", "in step with the director (" + skew + " s)");
        }
    }

    private void services(PrintWriter out, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = Director.JSON.readTree(response.body());
        } catch (Exception e) {
            line(out, "FAIL", "services", "the director's health answer is not JSON: is " + config.get("url").orElse("?") + " ConPaaS?");
            return;
        }
        JsonNode services = body.path("services");
        if (!services.isObject()) {
            line(out, "FAIL", "services", "the director reported no services");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            if ("UP".equals(service.getValue().asText())) {
                line(out, "OK", service.getKey(), "UP (with its database and broker)");
            } else {
                line(out, "FAIL", service.getKey(), service.getValue().asText() + ": see its log (nutshell: ~/.conpaas/nutshell/logs/"
                        + service.getKey() + ".log); a stopped broker or database makes every service DOWN");
            }
        }
    }

    /** The director's HTTPS certificate: it names the host cps reaches, and how long it stays valid. */
    private void certificate(PrintWriter out, HttpResponse<String> response) {
        if (director(response).startsWith("http://")) {
            line(out, "WARN", "tls", "the director speaks plain HTTP: tokens cross the network unencrypted "
                    + "(only for a director on localhost; the nutshell serves HTTPS unless --plain-http)");
            return;
        }
        X509Certificate served;
        try {
            served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        } catch (Exception e) {
            line(out, "WARN", "certificate", "could not read the director's certificate: " + e.getMessage());
            return;
        }
        long days = Duration.between(Instant.now(), served.getNotAfter().toInstant()).toDays();
        String host = response.uri().getHost();
        if (days < 14) {
            line(out, "WARN", "certificate", "the director's certificate for " + host + " expires in " + days
                    + " days: restart the director (cert-service) to re-issue it");
        } else {
            line(out, "OK", "certificate", "names " + host + ", valid for " + days + " more days");
        }
    }

    /** Each cloud's health as provisioning-service sees it: credentials, endpoint, image. */
    private void clouds(PrintWriter out, Director director) {
        JsonNode clouds;
        try {
            clouds = director.get("/api/clouds");
        } catch (CliFailure e) {
            line(out, "FAIL", "clouds", e.getMessage());
            return;
        }
        for (JsonNode cloud : clouds) {
            String name = "cloud " + cloud.path("name").asText();
            String detail = cloud.path("detail").asText("");
            if (cloud.path("up").asBoolean()) {
                line(out, "OK", name, cloud.path("driver").asText() + (detail.isBlank() ? "" : ": " + detail));
            } else {
                line(out, "FAIL", name, cloud.path("driver").asText() + ": " + detail + " (fix conpaas.clouds.definitions."
                        + cloud.path("name").asText() + ".* — credentials, endpoint, image — and restart provisioning-service)");
            }
        }
    }

    /**
     * Single sign-on: each provider the director offers must start a sign-in (a redirect to
     * Keycloak) and that Keycloak realm must answer its OpenID discovery document.
     */
    private void identityProviders(PrintWriter out, Director director) {
        JsonNode providers;
        try {
            HttpResponse<String> listed = director.raw("GET", "/api/auth/sso/providers");
            if (listed.statusCode() != 200) {
                line(out, "WARN", "idp", "the director lists no single sign-on providers (HTTP " + listed.statusCode() + ")");
                return;
            }
            providers = Director.JSON.readTree(listed.body());
        } catch (Exception e) {
            line(out, "WARN", "idp", "could not read the single sign-on providers: " + e.getMessage());
            return;
        }
        if (!providers.isArray() || providers.isEmpty()) {
            line(out, "OK", "idp", "single sign-on is off (password login only)");
            return;
        }
        for (JsonNode provider : providers) {
            String name = "idp " + provider.path("id").asText();
            try {
                HttpResponse<String> login = director.raw("GET", provider.path("loginUrl").asText());
                var location = login.headers().firstValue("Location");
                if (login.statusCode() / 100 != 3 || location.isEmpty()) {
                    line(out, "FAIL", name, "the director cannot start a sign-in (HTTP " + login.statusCode() + "): see identity-service's log "
                            + "and its conpaas.sso.* settings (docs/sso.md)");
                    continue;
                }
                String authorize = location.get();
                int cut = authorize.indexOf("/protocol/openid-connect/");
                String realm = cut < 0 ? authorize : authorize.substring(0, cut);
                HttpResponse<String> discovery = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                        java.net.http.HttpRequest.newBuilder(URI.create(realm + "/.well-known/openid-configuration"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (discovery.statusCode() == 200) {
                    line(out, "OK", name, provider.path("name").asText() + " through the Keycloak realm " + realm);
                } else {
                    line(out, "FAIL", name, "the Keycloak realm " + realm + " answers " + discovery.statusCode()
                            + " to its discovery document: check conpaas.sso.* (issuer, realm) and the realm (docs/sso.md)");
                }
            } catch (java.io.IOException | CliFailure e) {
                line(out, "FAIL", name, "the identity provider's Keycloak does not answer (" + e.getMessage()
                        + "): start it (scripts/dev-keycloak for development) or fix conpaas.sso.*");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IllegalArgumentException e) {
                line(out, "FAIL", name, "the director sent no usable sign-in address: " + e.getMessage());
            }
        }
    }

    private static String director(HttpResponse<String> response) {
        return response.uri().toString();
    }

    private boolean session(PrintWriter out, Director director) {
        if (config.get("token").isEmpty()) {
            line(out, "WARN", "session", "not logged in (clouds not checked): cps login --url " + director.url() + " --user NAME");
            return false;
        }
        try {
            JsonNode me = director.get("/api/me");
            line(out, "OK", "session", "logged in as " + me.path("username").asText() + " (" + me.path("role").asText() + ")");
            return true;
        } catch (CliFailure refused) {
            line(out, "WARN", "session", refused.getMessage());
            return false;
        }
    }

    private void line(PrintWriter out, String level, String what, String detail) {
        if ("FAIL".equals(level)) {
            failed = true;
        }
        out.printf("%-5s %-13s %s%n", level, what, detail);
    }
}

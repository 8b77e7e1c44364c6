package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The successor of cpscheck.py: one line per check, OK / WARN / FAIL with what to do; exits 1 when
 * anything FAILs. Checks what has landed so far: reachability, clock skew, each service's health
 * (which includes its database and broker), the session, and whether the director speaks HTTPS.
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
            line(out, "FAIL", "director", unreachable.getMessage());
            return 1;
        }
        line(out, "OK", "director", "reachable at " + director.url());
        clock(out, health);
        services(out, health);
        session(out, director);
        if (director.url().startsWith("http://")) {
            line(out, "WARN", "tls", "the director speaks plain HTTP: tokens cross the network unencrypted "
                    + "(keep it on localhost until HTTPS lands)");
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

    private void session(PrintWriter out, Director director) {
        if (config.get("token").isEmpty()) {
            line(out, "WARN", "session", "not logged in: cps login --url " + director.url() + " --user NAME");
            return;
        }
        try {
            JsonNode me = director.get("/api/me");
            line(out, "OK", "session", "logged in as " + me.path("username").asText() + " (" + me.path("role").asText() + ")");
        } catch (CliFailure refused) {
            line(out, "WARN", "session", refused.getMessage());
        }
    }

    private void line(PrintWriter out, String level, String what, String detail) {
        if ("FAIL".equals(level)) {
            failed = true;
        }
        out.printf("%-5s %-13s %s%n", level, what, detail);
    }
}

package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code cps login --sso}: single sign-on in the user's browser with a loopback redirect
 * (RFC 8252). cps listens on 127.0.0.1 on a free port, sends the browser to the director's
 * {@code /api/auth/sso/<provider>/login?redirect=http://127.0.0.1:<port>/sso}, receives the
 * one-time code there, and trades it for tokens with {@code POST /api/auth/sso/exchange}.
 */
final class SsoLogin {

    /** How the browser is opened: the desktop's browser when there is one; the address is always printed. */
    static Consumer<URI> browser = SsoLogin::openDesktopBrowser;
    static Duration wait = Duration.ofMinutes(5);

    private SsoLogin() {
    }

    /** The token answer of the exchange. */
    static JsonNode signIn(Director director, String provider, PrintWriter out) {
        String chosen = choose(director, provider);
        CompletableFuture<String> code = new CompletableFuture<>();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new CliFailure("cannot listen on 127.0.0.1 for the sign-in to come back: " + e.getMessage());
        }
        server.createContext("/sso", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String received = query.get("sso_code");
            byte[] page = ("<!doctype html><title>ConPaaS</title><p>" + (received == null
                    ? "The sign-in did not complete: go back to the terminal."
                    : "Signed in to ConPaaS: you can close this tab and go back to the terminal.") + "</p>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(received == null ? 400 : 200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
            if (received != null) {
                code.complete(received);
            }
        });
        server.start();
        try {
            String back = "http://127.0.0.1:" + server.getAddress().getPort() + "/sso";
            URI login = URI.create(director.url() + "/api/auth/sso/" + URLEncoder.encode(chosen, StandardCharsets.UTF_8)
                    + "/login?redirect=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            out.println("Sign in through " + chosen + " in your browser; if it does not open, open:");
            out.println("  " + login);
            out.flush();
            browser.accept(login);
            String received = code.get(wait.toSeconds(), TimeUnit.SECONDS);
            return director.anonymous("POST", "/api/auth/sso/exchange", Map.of("code", received));
        } catch (TimeoutException e) {
            throw new CliFailure("no sign-in came back within " + wait.toMinutes() + " minutes: run cps login --sso again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        } catch (ExecutionException e) {
            throw new CliFailure("the sign-in failed: " + e.getCause().getMessage());
        } finally {
            server.stop(0);
        }
    }

    /** The provider asked for, or the only one the director offers. */
    private static String choose(Director director, String provider) {
        JsonNode offered = director.anonymous("GET", "/api/auth/sso/providers", null);
        List<String> ids = new ArrayList<>();
        offered.forEach(p -> ids.add(p.path("id").asText()));
        if (ids.isEmpty()) {
            throw new CliFailure("the director at " + director.url() + " offers no single sign-on: log in with --user NAME");
        }
        if (provider == null || provider.isBlank()) {
            if (ids.size() > 1) {
                throw new CliFailure("the director offers several identity providers: choose one with --sso " + String.join("|", ids));
            }
            return ids.get(0);
        }
        if (!ids.contains(provider)) {
            throw new CliFailure("the director offers no identity provider '" + provider + "': it offers " + String.join(", ", ids));
        }
        return provider;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void openDesktopBrowser(URI uri) {
        try {
            if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()
                    || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                return;
            }
            java.awt.Desktop.getDesktop().browse(uri);
        } catch (IOException | UnsupportedOperationException | LinkageError | SecurityException noBrowser) {
            // the address is printed: the user opens it
        }
    }
}

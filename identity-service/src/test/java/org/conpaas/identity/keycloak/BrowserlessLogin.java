package org.conpaas.identity.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Goes through Keycloak's pages as a browser would, without one: follows redirects, posts the
 * SAML auto-submit forms (optionally altering the SAMLResponse on its way, as an attacker would),
 * fills in the login form, until the redirect to {@code stopAt} (identity-service's callback).
 * Keeps cookies per path, Secure ones too (Keycloak marks them Secure even on plain HTTP; browsers
 * send them to 127.0.0.1).
 */
public final class BrowserlessLogin {

    /** Where the flow ended: the callback URI it was sent to, or the page it stopped on. */
    public record Outcome(URI callback, int status, String page) {
    }

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*name=\"(\\w+)\"[^>]*value=\"([^\"]*)\"");

    private final String stopAt;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Map<String, String>> cookiesByPath = new LinkedHashMap<>();
    private UnaryOperator<String> samlResponseTamper = UnaryOperator.identity();

    public BrowserlessLogin(String stopAt) {
        this.stopAt = stopAt;
    }

    /** Alters the (base64) SAMLResponse the identity provider posts to the broker. */
    public BrowserlessLogin tamperingSamlResponse(UnaryOperator<String> tamper) {
        this.samlResponseTamper = tamper;
        return this;
    }

    public Outcome signIn(URI start, String username, String password) throws IOException, InterruptedException {
        URI url = start;
        Map<String, String> form = null;
        for (int step = 0; step < 25; step++) {
            HttpResponse<String> response = send(url, form);
            form = null;
            int status = response.statusCode();
            if (status / 100 == 3) {
                URI next = url.resolve(response.headers().firstValue("Location").orElseThrow());
                if (next.toString().startsWith(stopAt)) {
                    return new Outcome(next, status, null);
                }
                url = next;
                continue;
            }
            String page = response.body();
            Matcher login = LOGIN_FORM.matcher(page);
            if (status == 200 && login.find()) {
                url = URI.create(unescape(login.group(1)));
                form = new LinkedHashMap<>(Map.of("username", username, "password", password));
                continue;
            }
            if (status == 200 && page.contains("name=\"SAML")) {
                Matcher action = FORM_ACTION.matcher(page);
                action.find();
                url = URI.create(unescape(action.group(1)));
                form = new LinkedHashMap<>();
                Matcher hidden = HIDDEN.matcher(page);
                while (hidden.find()) {
                    String value = unescape(hidden.group(2));
                    form.put(hidden.group(1), hidden.group(1).equals("SAMLResponse") ? samlResponseTamper.apply(value) : value);
                }
                continue;
            }
            return new Outcome(null, status, page);
        }
        throw new IllegalStateException("more than 25 steps through Keycloak's pages");
    }

    private HttpResponse<String> send(URI url, Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        String cookies = cookiesFor(url);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&"))));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            keep(url, header);
        }
        return response;
    }

    private void keep(URI url, String header) {
        String[] parts = header.split(";");
        String[] pair = parts[0].split("=", 2);
        String path = "/";
        boolean expired = false;
        for (String attribute : List.of(parts).subList(1, parts.length)) {
            String a = attribute.strip();
            if (a.regionMatches(true, 0, "Path=", 0, 5)) {
                path = a.substring(5);
            } else if (a.regionMatches(true, 0, "Max-Age=", 0, 8) && a.substring(8).strip().equals("0")) {
                expired = true;
            }
        }
        Map<String, String> jar = cookiesByPath.computeIfAbsent(url.getHost() + ":" + url.getPort() + path, p -> new LinkedHashMap<>());
        if (expired || pair.length < 2 || pair[1].isEmpty()) {
            jar.remove(pair[0].strip());
        } else {
            jar.put(pair[0].strip(), pair[1]);
        }
    }

    private String cookiesFor(URI url) {
        String origin = url.getHost() + ":" + url.getPort();
        return cookiesByPath.entrySet().stream()
                .filter(e -> e.getKey().startsWith(origin) && url.getPath().startsWith(e.getKey().substring(origin.length()).replaceAll("/$", "")))
                .flatMap(e -> e.getValue().entrySet().stream())
                .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    private static String unescape(String html) {
        Matcher entity = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            int code = Integer.parseInt(entity.group(2), entity.group(1).isEmpty() ? 10 : 16);
            entity.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) code)));
        }
        entity.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

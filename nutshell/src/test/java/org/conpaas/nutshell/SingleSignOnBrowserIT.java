package org.conpaas.nutshell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.identity.keycloak.KeycloakTestServer;
import org.conpaas.nutshell.testkit.RunningNutshell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's check: a Contrail user signs in to ConPaaS through the dashboard, in headless Debian
 * chromium, with everything real — the nutshell (HTTPS gateway, identity-service with single
 * sign-on on), Keycloak from Maven Central brokering the Contrail realm by SAML 2.0, the SAML
 * login page. The user is created with the SAML subject recorded, and a second sign-in (a new
 * browser) maps to the same user. Keycloak or chromium not starting fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleSignOnBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHROMIUM = System.getProperty("conpaas.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("conpaas.test.chromedriver", "/usr/bin/chromedriver");

    private static Path dataDir;
    private static String base;
    private static KeycloakTestServer keycloak;
    private static RunningNutshell nutshell;
    private static String firstUserId;

    @BeforeAll
    static void start() throws Exception {
        int port = RunningNutshell.freePort();
        // Keycloak must know the gateway's address (the broker's redirect) before the nutshell starts
        keycloak = KeycloakTestServer.start("https://127.0.0.1:" + port);
        RunningNutshell.Builder withSso = RunningNutshell.named("sso").port(port).option("--public-host", "127.0.0.1");
        for (String setting : keycloak.ssoSettings()) {
            withSso.option("--set", setting);
        }
        nutshell = withSso.start();
        dataDir = nutshell.dataDir();
        base = nutshell.base();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (nutshell != null) {
                nutshell.close();
            }
        } finally {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }

    @Test
    @Order(1)
    void aContrailUserSignsInThroughTheDashboardAndIsCreatedWithTheSamlSubject() throws Exception {
        JsonNode me = signInThroughTheDashboard("first-login", false);
        assertThat(me.get("username").asText()).isEqualTo("grace");
        assertThat(me.get("role").asText()).isEqualTo("user");
        firstUserId = me.get("id").asText();

        JsonNode record = get("/api/users/" + firstUserId, adminToken());
        assertThat(record.get("externalId").asText()).as("the SAML NameID the Contrail IdP named grace by").isEqualTo("contrail|grace");
        assertThat(record.get("email").asText()).isEqualTo("grace@contrail.example");
    }

    @Test
    @Order(2)
    void aSecondSignInMapsToTheSameUser() throws Exception {
        JsonNode me = signInThroughTheDashboard("second-login", true);
        assertThat(me.get("id").asText()).isEqualTo(firstUserId);
        List<String> graces = new ArrayList<>();
        for (JsonNode user : get("/api/users", adminToken())) {
            if ("contrail|grace".equals(user.path("externalId").asText())) {
                graces.add(user.get("id").asText());
            }
        }
        assertThat(graces).containsExactly(firstUserId);
    }

    /**
     * A fresh browser opens the dashboard, clicks "Sign in with Contrail IdP", signs in on the
     * Contrail IdP's page, and comes back to the dashboard, which trades the one-time code for
     * tokens; returns /api/me with the token the dashboard keeps. With {@code signOut}, then clicks
     * Sign out: Keycloak ends its session (the dashboard's logout hands it the sign-in's ID token)
     * and sends the browser straight back to the dashboard's sign-in page, without a page asking
     * the user to confirm; the Contrail IdP's session has ended too (its login form comes again).
     */
    private static JsonNode signInThroughTheDashboard(String screenshot, boolean signOut) throws Exception {
        Path profile = Files.createTempDirectory("conpaas-sso-chromium");
        ChromeDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
            browser.get(base + "/");
            WebElement button = wait.until(d -> d.findElements(By.cssSelector("a.sso-login[data-provider='contrail']")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null));
            assertThat(button.getText()).contains("Contrail IdP");
            button.click();

            wait.until(d -> !d.findElements(By.id("kc-form-login")).isEmpty());
            assertThat(browser.getCurrentUrl()).as("the Contrail IdP's own login page")
                    .startsWith(keycloak.url() + "/realms/contrail/");
            browser.findElement(By.id("username")).sendKeys("grace");
            browser.findElement(By.id("password")).sendKeys("grace-contrail-1");
            browser.findElement(By.id("kc-login")).click();

            String tokens = wait.until(d -> {
                if (!d.getCurrentUrl().startsWith(base)) {
                    return null;
                }
                Object stored = ((JavascriptExecutor) d).executeScript("return sessionStorage.getItem('conpaas.tokens')");
                return stored == null ? null : stored.toString();
            });
            assertThat(browser.getCurrentUrl()).as("the one-time code is gone from the address bar").doesNotContain("sso_code");
            Files.createDirectories(Path.of("nutshell", "target", "screenshots"));
            Files.write(Path.of("nutshell", "target", "screenshots", "sso-" + screenshot + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            JsonNode me = get("/api/me", JSON.readTree(tokens).get("accessToken").asText());
            if (signOut) {
                List<String> visited = new ArrayList<>();
                browser.findElement(By.id("logout")).click();
                new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100)).withMessage(() ->
                        "back on the dashboard's sign-in page after Sign out; the browser went through " + visited
                                + " and shows: " + browser.findElement(By.tagName("body")).getText()).until(d -> {
                    String url = d.getCurrentUrl();
                    if (visited.isEmpty() || !visited.get(visited.size() - 1).equals(url)) {
                        visited.add(url);
                    }
                    return url.startsWith(base) && d.findElements(By.cssSelector("a.sso-login[data-provider='contrail']")).stream()
                            .anyMatch(WebElement::isDisplayed);
                });
                assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('conpaas.tokens')")).isNull();
                assertThat(browser.findElements(By.id("kc-logout"))).as("Keycloak's confirmation button").isEmpty();
                // signed out at the Contrail IdP too (SAML single logout): signing in again asks for the password
                browser.findElements(By.cssSelector("a.sso-login[data-provider='contrail']")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
                wait.until(d -> !d.findElements(By.id("kc-form-login")).isEmpty());
                assertThat(browser.getCurrentUrl()).startsWith(keycloak.url() + "/realms/contrail/");
            }
            return me;
        } finally {
            browser.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Debian's chromium, headless, a new profile each time; it trusts the gateway's certificate by its key only. */
    private static ChromeDriver chromium(Path profile) throws Exception {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("no chromium at " + CHROMIUM + " or chromedriver at " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile,
                "--ignore-certificate-errors-spki-list=" + spkiHash(dataDir.resolve("director").resolve("director.pem")));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
    }

    private static String adminToken() throws Exception {
        String password = Files.readString(dataDir.resolve("admin-password")).strip();
        HttpResponse<String> r = call("POST", "/api/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("accessToken").asText();
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = call("GET", path, token, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    // --- calls through the gateway ---------------------------------------------------------------

    private static HttpResponse<String> call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return nutshell.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)) of the gateway's certificate, as chromium's --ignore-certificate-errors-spki-list wants. */
    private static String spkiHash(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        }
    }
}

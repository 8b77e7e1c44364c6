package org.conpaas.nutshell.testkit;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;

/**
 * Debian's chromium, headless, through its own chromedriver (no driver download). It trusts the
 * gateway's certificate by its public key only ({@code --ignore-certificate-errors-spki-list}),
 * starts from an empty profile, and saves screenshots under {@code nutshell/target/screenshots}.
 * When chromium cannot start, the constructor throws: a browser test never passes without a browser.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("conpaas.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("conpaas.test.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    public HeadlessChromium(Path serverCertificate) throws IOException {
        profile = Files.createTempDirectory("conpaas-chromium");
        screenshots = RunningNutshell.repoRoot().resolve("nutshell").resolve("target").resolve("screenshots");
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000",
                "--ignore-certificate-errors-spki-list=" + spkiHash(serverCertificate));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits (polling the page, not sleeping) until the condition holds. */
    public <T> T waitFor(Duration atMost, Function<WebDriver, T> condition) {
        // live updates replace parts of the page while a condition looks at them: look again
        try {
            return new WebDriverWait(driver, atMost, Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not get there within " + atMost + "; it shows: " + whatThePageShows(), e);
        }
    }

    /** The page's address and visible text, and a screenshot of it (timeout-*.png), for a failure message. */
    private String whatThePageShows() {
        try {
            Path shot = screenshot("timeout-" + System.currentTimeMillis());
            String text = driver.findElement(By.tagName("body")).getText();
            return driver.getCurrentUrl() + " (" + shot.getFileName() + ")\n" + (text.length() > 3000 ? text.substring(0, 3000) + "…" : text);
        } catch (RuntimeException | IOException e) {
            return "(the page could not be read: " + e.getMessage() + ")";
        }
    }

    public WebElement waitForElement(String css) {
        return waitFor(Duration.ofSeconds(20), d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Opens the dashboard signed out (a fresh tab session). */
    public void openSignedOut(String url) {
        driver.get(url);
        driver.executeScript("sessionStorage.clear();");
        driver.navigate().refresh();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the page as it looks now as {@code <name>.png}; returns the file. */
    public Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** Quits chromium and removes its profile (what cannot be removed stays in the temporary directory). */
    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().delete();
            }
        } catch (IOException | java.io.UncheckedIOException leftOver) {
            // a temporary directory: the machine cleans it eventually
        }
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)) of the first certificate in a PEM file, as chromium wants it. */
    private static String spkiHash(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the gateway's certificate " + pem, e);
        }
    }
}

package org.conpaas.cli;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTPS client of a cps run, one per trusted CA file: making one (the TLS context, the CA's
 * certificates, the client's threads) takes a JVM that just started over a tenth of a second, so
 * {@link Cps#main} starts it on another thread while the command line is read.
 */
final class Connections {

    private static final Map<String, CompletableFuture<HttpClient>> CLIENTS = new ConcurrentHashMap<>();

    private Connections() {
    }

    /** Starts making the client {@code config} will ask for. */
    static void prepare(CpsConfig config) {
        String ca = config.get("cacert").orElse("");
        CLIENTS.computeIfAbsent(key(ca), k -> CompletableFuture.supplyAsync(() -> build(ca)));
    }

    static HttpClient client(CpsConfig config) {
        String ca = config.get("cacert").orElse("");
        String key = key(ca);
        CompletableFuture<HttpClient> client = CLIENTS.computeIfAbsent(key, k -> {
            try {
                return CompletableFuture.completedFuture(build(ca));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        try {
            return client.join();
        } catch (CompletionException e) {
            CLIENTS.remove(key, client);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Ends the clients' selector threads before the JVM exits: a thread waiting in the kernel makes
     * the JVM's exit wait up to 300 ms for it (a third of a quick command's time). An HttpClient
     * closes itself from JDK 21 on; on JDK 17 its selector thread ends when interrupted.
     */
    static void close() {
        for (CompletableFuture<HttpClient> client : CLIENTS.values()) {
            try {
                // one still being made (a command that failed before it asked) is finished first, then ended
                if (client.join() instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // exiting anyway
            }
        }
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .forEach(Thread::interrupt);
    }

    /** A CA file rewritten (a new login) gets a new client. */
    private static String key(String ca) {
        java.io.File file = new java.io.File(ca);
        return ca + "|" + file.lastModified() + "|" + file.length();
    }

    private static HttpClient build(String ca) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (!ca.isEmpty()) {
            builder.sslContext(TrustedCa.context(Path.of(ca)));
        }
        return builder.build();
    }
}

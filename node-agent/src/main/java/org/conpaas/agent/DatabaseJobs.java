package org.conpaas.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The archives and loads the director gives a mysql node, one at a time in the background (the
 * heartbeats go on): an archive is {@code mariadb-dump} of the service's own databases (not the
 * server's: accounts stay with each service) gzipped and uploaded; a load is downloaded and fed,
 * gunzipped when it is gzipped, to the {@code mariadb} client. Both run as the runtime user with the
 * agent's account; each id is taken once.
 */
final class DatabaseJobs {

    private static final Logger LOG = Logger.getLogger(DatabaseJobs.class.getName());
    private static final Set<String> SYSTEM_DATABASES = Set.of("information_schema", "performance_schema", "mysql", "sys");

    private final DirectorClient director;
    private final RuntimeUser user;
    private final MariaDb mariaDb;
    private final Path clientFile;
    private final Path directory;
    private final ServiceLog log;
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-jobs");
        thread.setDaemon(true);
        return thread;
    });

    DatabaseJobs(DirectorClient director, RuntimeUser user, MariaDb mariaDb, Path clientFile, Path workDir, ServiceLog log) {
        this.director = director;
        this.user = user;
        this.mariaDb = mariaDb;
        this.clientFile = clientFile;
        this.directory = workDir.resolve("database-jobs");
        this.log = log;
    }

    void archive(String id) {
        if (taken.add("archive " + id)) {
            worker.execute(() -> makeArchive(id));
        }
    }

    void load(String id) {
        if (taken.add("load " + id)) {
            worker.execute(() -> runLoad(id));
        }
    }

    private void makeArchive(String id) {
        Path file = directory.resolve(id + ".sql.gz");
        try {
            Files.createDirectories(directory);
            List<String> databases = new ArrayList<>();
            for (String name : user.run(List.of(client(), "--defaults-file=" + clientFile, "-N", "-B", "-e", "SHOW DATABASES"), null)
                    .split("\n")) {
                if (!name.isBlank() && !SYSTEM_DATABASES.contains(name.strip())) {
                    databases.add(name.strip());
                }
            }
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                if (databases.isEmpty()) {
                    out.write("-- ConPaaS: the service held no database of its own\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    List<String> dump = new ArrayList<>(List.of(mariaDb.dump().orElseThrow().toString(), "--defaults-file=" + clientFile,
                            "--single-transaction", "--routines", "--events", "--triggers", "--skip-dump-date", "--databases"));
                    dump.addAll(databases);
                    Process process = user.piped(dump).redirectError(directory.resolve(id + ".err").toFile()).start();
                    process.getOutputStream().close();
                    try (InputStream in = process.getInputStream()) {
                        in.transferTo(out);
                    }
                    if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
                        throw new IOException("mariadb-dump failed: " + errors(id));
                    }
                }
            }
            director.uploadArchive(id, file);
            log.append("agent: archive " + id + " of " + databases.size() + " database(s) uploaded");
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warning(() -> "archive " + id + " not made: " + why);
            try {
                director.archiveFailed(id, AgentSettings.abbreviate(why));
            } catch (IOException | InterruptedException report) {
                LOG.warning(() -> "the failure of archive " + id + " was not reported: " + report.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(file);
            deleteQuietly(directory.resolve(id + ".err"));
        }
    }

    private void runLoad(String id) {
        Path file = directory.resolve("load-" + id);
        boolean ok = false;
        String detail;
        try {
            Files.createDirectories(directory);
            director.downloadImport(id, file);
            Process process = user.piped(List.of(client(), "--defaults-file=" + clientFile, "-B"))
                    .redirectError(directory.resolve(id + ".err").toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream(); InputStream sql = sql(file)) {
                sql.transferTo(in);
            } catch (IOException e) {
                // the client ended early: its exit code and errors say why
            }
            ok = process.waitFor(1, TimeUnit.HOURS) && process.exitValue() == 0;
            detail = ok ? "loaded " + Files.size(file) + " bytes" : "the mysql client failed: " + errors(id);
        } catch (IOException | RuntimeException e) {
            detail = "not loaded: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            deleteQuietly(file);
        }
        deleteQuietly(directory.resolve(id + ".err"));
        String result = AgentSettings.abbreviate(detail);
        log.append("agent: load " + id + (ok ? " done: " : " failed: ") + result);
        try {
            director.importResult(id, ok, result);
        } catch (IOException e) {
            LOG.warning(() -> "the result of load " + id + " was not reported: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file's SQL: gunzipped when it starts as gzip does. */
    private static InputStream sql(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }

    private String client() {
        return mariaDb.client().orElseThrow().toString();
    }

    private String errors(String id) {
        try {
            String text = Files.readString(directory.resolve(id + ".err"), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "no message" : AgentSettings.abbreviate(text.lines().reduce((a, b) -> b).orElse(text));
        } catch (IOException e) {
            return "no message";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a file less to remove
        }
    }

    void stop() {
        worker.shutdownNow();
    }
}

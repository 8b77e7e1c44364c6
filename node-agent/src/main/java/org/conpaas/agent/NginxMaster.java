package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node's one nginx master, run as the runtime user in the foreground ({@code daemon off}) with
 * its prefix in the runtime's directory. A new configuration is tested ({@code nginx -t}) and then
 * taken up gracefully: SIGHUP to the master, which starts new workers while the old ones finish
 * their open connections.
 */
final class NginxMaster {

    static final String LOG = "nginx.log";
    private static final long RELOAD_MILLIS = 10_000;

    private final Path binary;
    private final RuntimeUser user;
    private final RuntimeLogs logs;
    private final Path prefix;
    private final Path config;
    private RuntimeProcess process;

    NginxMaster(Path binary, RuntimeUser user, RuntimeLogs logs) {
        this.binary = binary;
        this.user = user;
        this.logs = logs;
        this.prefix = user.stateDir().resolve("nginx");
        this.config = prefix.resolve("nginx.conf");
    }

    List<Path> directories() {
        return List.of(prefix, prefix.resolve("client_body"), prefix.resolve("proxy"), prefix.resolve("fastcgi"),
                prefix.resolve("uwsgi"), prefix.resolve("scgi"));
    }

    RuntimeProcess process() {
        return process;
    }

    /** Runs nginx on {@code configuration}: started when it is not running, else reloaded; IOException when nginx refused it. */
    void apply(String configuration) throws IOException, InterruptedException {
        user.write(config, configuration);
        user.run(command("-t", "-q"), null);
        if (process == null || !process.alive()) {
            process = RuntimeProcess.start("nginx", user, logs, LOG, command(), Map.of());
            return;
        }
        List<Long> before = process.children();
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + RELOAD_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (process.children().stream().anyMatch(pid -> !before.contains(pid))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("nginx did not start new workers within " + RELOAD_MILLIS / 1000 + " s of SIGHUP");
    }

    private List<String> command(String... extra) {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(), "-p", prefix + "/", "-c", config.toString(),
                "-e", "stderr"));
        command.addAll(List.of(extra));
        return command;
    }

    void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }
}

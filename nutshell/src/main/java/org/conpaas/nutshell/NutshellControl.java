package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code down} and {@code status}: talk to a nutshell that runs, found through its pid file. */
final class NutshellControl {

    /** Long enough for the nutshell to give every service its 20 s to stop, and PostgreSQL its time. */
    private static final long DOWN_WAIT_SECONDS = 150;

    private NutshellControl() {
    }

    static Optional<ProcessHandle> running(Path dataDir) {
        return Orphans.readPid(dataDir.resolve("nutshell.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    static int down(NutshellOptions options) throws InterruptedException, IOException {
        Optional<ProcessHandle> nutshell = running(options.dataDir());
        if (nutshell.isEmpty()) {
            // a nutshell that was killed (kill -9) leaves its services and PostgreSQL running
            boolean orphans = Orphans.stopServicesRecordedIn(options.dataDir().resolve("pids"))
                    | Orphans.stopPostgresLeftIn(options.dataDir().resolve("postgres"))
                    | Orphans.stopLocalNodesIn(options.dataDir().resolve("nodes"));
            System.out.println(orphans ? "no nutshell ran from " + options.dataDir() + "; stopped what a killed one left running"
                    : "no nutshell runs from " + options.dataDir() + ": nothing to stop");
            return 0;
        }
        System.out.println("stopping the nutshell (pid " + nutshell.get().pid() + ")…");
        nutshell.get().destroy();
        try {
            nutshell.get().onExit().get(DOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.err.println("conpaas: the nutshell (pid " + nutshell.get().pid() + ") did not stop within "
                    + DOWN_WAIT_SECONDS + " s; look at it, or kill -9 it (the next up cleans up after it)");
            return 1;
        } catch (ExecutionException e) {
            // onExit does not fail
        }
        System.out.println("stopped.");
        return 0;
    }

    static int status(NutshellOptions options) throws IOException {
        Path data = options.dataDir();
        Optional<ProcessHandle> nutshell = running(data);
        if (nutshell.isEmpty()) {
            System.out.println("ConPaaS is not running (data in " + data + ")");
            if (Orphans.anyAlive(data.resolve("pids"))) {
                System.out.println("  but services a killed nutshell started still run: ./conpaas down stops them");
            }
            return 1;
        }
        int port = options.port();
        int servicePorts = options.servicePorts();
        String publicUrl = options.publicUrl();
        Path stateFile = data.resolve("nutshell.state");
        if (Files.exists(stateFile)) {
            Properties state = new Properties();
            try (var in = Files.newInputStream(stateFile)) {
                state.load(in);
            }
            port = Integer.parseInt(state.getProperty("port", String.valueOf(port)));
            servicePorts = Integer.parseInt(state.getProperty("service-ports", String.valueOf(servicePorts)));
            publicUrl = state.getProperty("public-url", publicUrl);
        }
        System.out.println("ConPaaS runs (pid " + nutshell.get().pid() + "), gateway " + publicUrl);
        boolean allUp = true;
        for (ServiceSpec spec : ServiceSpec.plan(port, servicePorts, "")) {
            String health = Health.status(spec.healthUrl()).orElse("DOWN");
            allUp &= health.equals("UP");
            System.out.printf("  %-13s %-9s 127.0.0.1:%d%n", spec.name(), health, spec.port());
        }
        // the gateway answers HTTPS with the director certificate, which chains to the nutshell's CA
        String platform = Health.status(publicUrl + "/api/platform/health", data.resolve("director").resolve("ca.pem")).orElse("DOWN");
        allUp &= platform.equals("UP");
        System.out.printf("  %-13s %-9s %s/api/platform/health%n", "platform", platform, publicUrl);
        return allUp ? 0 : 1;
    }
}

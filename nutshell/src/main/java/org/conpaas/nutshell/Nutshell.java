package org.conpaas.nutshell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * ConPaaS on one machine: PostgreSQL and an AMQP broker (embedded, or the ones given), every
 * service as its own process from the same jars production runs, the gateway in front.
 */
public final class Nutshell {

    private static final Duration STARTUP = Duration.ofMinutes(5);

    private final NutshellOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedDatabase embeddedDatabase;
    private EmbeddedBroker embeddedBroker;
    private volatile boolean stopping;

    private Nutshell(NutshellOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // the embedded PostgreSQL and broker talk a lot; the nutshell prints what matters
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("conpaas.log", "warn"));
        NutshellOptions options;
        try {
            options = NutshellOptions.parse(args);
        } catch (NutshellOptions.UsageException e) {
            System.err.println("conpaas: " + e.getMessage() + " (see: conpaas help)");
            System.exit(2);
            return;
        }
        try {
            System.exit(switch (options.command()) {
                case "up" -> new Nutshell(options).up();
                case "down" -> down(options);
                case "status" -> status(options);
                default -> {
                    System.out.println(NutshellOptions.USAGE);
                    yield 0;
                }
            });
        } catch (NutshellOptions.UsageException e) {
            System.err.println("conpaas: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("conpaas: " + e.getMessage());
            System.exit(1);
        }
    }

    private int up() throws Exception {
        Path data = Files.createDirectories(options.dataDir());
        Path pidFile = data.resolve("nutshell.pid");
        Orphans.readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
            throw new NutshellOptions.UsageException("a nutshell already runs from " + data + " (pid " + p.pid()
                    + "): stop it with ./conpaas down first");
        });
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "nutshell-stop"));
        Orphans.stopServicesRecordedIn(data.resolve("pids"));

        Database database = database(data);
        URI amqp = broker(data);
        Secret admin = Secret.loadOrCreate(data.resolve("admin-password"));
        List<ServiceSpec> plan = ServiceSpec.plan(options.port(), options.servicePorts(), options.dbPrefix());
        Path repo = options.repo() != null ? options.repo() : Jars.repoOfRunningJar();
        for (ServiceSpec spec : plan) {
            List<String> args = new ArrayList<>(List.of("--server.port=" + spec.port()));
            Map<String, String> env = new HashMap<>();
            if (spec.isGateway()) {
                args.add("--server.address=0.0.0.0");
                for (ServiceSpec other : plan) {
                    if (!other.isGateway()) {
                        args.add("--conpaas.gateway." + other.name() + "=http://127.0.0.1:" + other.port());
                    }
                }
            } else {
                args.add("--spring.datasource.url=" + database.ensure(spec.database()));
                args.add("--spring.datasource.username=" + database.user());
                env.put("SPRING_DATASOURCE_PASSWORD", database.password());
                args.add("--spring.rabbitmq.host=" + amqp.getHost());
                args.add("--spring.rabbitmq.port=" + (amqp.getPort() < 0 ? 5672 : amqp.getPort()));
                String[] credentials = amqp.getUserInfo() == null ? new String[]{"guest", "guest"} : amqp.getUserInfo().split(":", 2);
                args.add("--spring.rabbitmq.username=" + credentials[0]);
                env.put("SPRING_RABBITMQ_PASSWORD", credentials.length > 1 ? credentials[1] : "");
                String vhost = amqp.getPath() == null || amqp.getPath().length() <= 1 ? "/" : amqp.getPath().substring(1);
                args.add("--spring.rabbitmq.virtual-host=" + vhost);
                args.add("--conpaas.bus.exchange=" + options.exchange());
            }
            args.add("--conpaas.security.jwks-uri=http://127.0.0.1:" + plan.get(0).port() + "/.well-known/jwks.json");
            if (spec.name().equals("identity")) {
                env.put("CONPAAS_IDENTITY_ADMIN_PASSWORD", admin.value());
            }
            args.addAll(options.extra());
            ServiceProcess process = new ServiceProcess(spec, Jars.find(repo, spec.module()), args, env, data);
            process.start();
            services.add(process);
        }
        writeState(data);
        System.out.println("starting ConPaaS: " + plan.size() + " services (logs in " + data.resolve("logs") + ")");
        waitUntilHealthy();
        banner(admin);
        watch();
        return 0;
    }

    private Database database(Path data) throws IOException {
        if (options.dbUrl() != null) {
            return new Database(options.dbUrl(), options.dbUser(), options.dbPassword());
        }
        System.out.println("starting the embedded PostgreSQL (data in " + data.resolve("postgres") + ")");
        embeddedDatabase = EmbeddedDatabase.start(data.resolve("postgres"), options.servicePorts() - 51);
        return embeddedDatabase.database();
    }

    private URI broker(Path data) throws Exception {
        if (options.amqpUrl() != null) {
            return options.amqpUrl();
        }
        System.out.println("starting the embedded AMQP broker (data in " + data.resolve("broker") + ")");
        String password = Secret.loadOrCreate(data.resolve("broker-password")).value();
        embeddedBroker = EmbeddedBroker.start(data.resolve("broker"), options.servicePorts() - 52, password);
        return URI.create(embeddedBroker.url());
    }

    private void waitUntilHealthy() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess s : List.copyOf(waiting)) {
                if (!s.isAlive()) {
                    throw new IllegalStateException(s.spec().name() + " exited while starting; the end of its log ("
                            + s.log() + "):\n" + tail(s.log()));
                }
                if (Health.up(s.spec().healthUrl())) {
                    System.out.println("  " + s.spec().name() + " is up");
                    waiting.remove(s);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                ServiceProcess late = waiting.get(0);
                throw new IllegalStateException(late.spec().name() + " did not become healthy within " + STARTUP.toMinutes()
                        + " minutes; the end of its log (" + late.log() + "):\n" + tail(late.log()));
            }
            Thread.sleep(1000);
        }
    }

    private void banner(Secret admin) {
        String url = "http://localhost:" + options.port();
        System.out.println();
        System.out.println("ConPaaS is up: " + url);
        System.out.println("  administrator: admin");
        if (admin.createdNow()) {
            System.out.println("  password:      " + admin.value() + "   (shown once; also in " + admin.file() + ")");
        } else {
            System.out.println("  password:      in " + admin.file());
        }
        System.out.println();
        System.out.println("  log in:   curl -s " + url + "/api/auth/login -H 'Content-Type: application/json' \\");
        System.out.println("              -d \"{\\\"username\\\":\\\"admin\\\",\\\"password\\\":\\\"$(cat " + admin.file() + ")\\\"}\"");
        System.out.println("  then:     curl -s " + url + "/api/me -H \"Authorization: Bearer <accessToken>\"");
        System.out.println("  health:   curl -s " + url + "/api/platform/health     (Ctrl-C or ./conpaas down stops it)");
    }

    /** Keeps the services running: a crashed one is reported and restarted (a few times at most). */
    private void watch() throws InterruptedException, IOException {
        while (!stopping) {
            Thread.sleep(2000);
            for (ServiceProcess s : services) {
                if (!stopping && !s.isAlive()) {
                    System.err.println(s.spec().name() + " stopped unexpectedly (see " + s.log() + ")");
                    if (s.restartAfterCrash()) {
                        System.err.println("  restarted " + s.spec().name());
                    }
                }
            }
        }
    }

    private synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println("stopping ConPaaS…");
        for (ServiceProcess s : reversed(services)) {
            try {
                s.stop();
            } catch (IOException | RuntimeException e) {
                System.err.println("could not stop " + s.spec().name() + ": " + e.getMessage());
            }
        }
        if (embeddedBroker != null) {
            try {
                embeddedBroker.close();
            } catch (RuntimeException alreadyStopping) {
                // Qpid's own shutdown hook may have closed it first
            }
        }
        if (embeddedDatabase != null) {
            try {
                embeddedDatabase.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL: " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(options.dataDir().resolve("nutshell.pid"));
        } catch (IOException ignored) {
            // nothing left to do
        }
        System.out.println("stopped.");
    }

    private static List<ServiceProcess> reversed(List<ServiceProcess> list) {
        List<ServiceProcess> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private void writeState(Path data) throws IOException {
        Properties state = new Properties();
        state.setProperty("port", String.valueOf(options.port()));
        state.setProperty("service-ports", String.valueOf(options.servicePorts()));
        try (var out = Files.newOutputStream(data.resolve("nutshell.state"))) {
            state.store(out, "the ports of the running nutshell");
        }
    }

    private static int down(NutshellOptions options) throws Exception {
        Path pidFile = options.dataDir().resolve("nutshell.pid");
        var process = Orphans.readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            System.out.println("no nutshell runs from " + options.dataDir());
            return 0;
        }
        System.out.println("stopping the nutshell (pid " + process.get().pid() + ")…");
        process.get().destroy();
        process.get().onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("stopped.");
        return 0;
    }

    private static int status(NutshellOptions options) throws IOException {
        Path data = options.dataDir();
        var process = Orphans.readPid(data.resolve("nutshell.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            System.out.println("ConPaaS is not running (data in " + data + ")");
            return 1;
        }
        Properties state = new Properties();
        try (var in = Files.newInputStream(data.resolve("nutshell.state"))) {
            state.load(in);
        }
        int port = Integer.parseInt(state.getProperty("port"));
        boolean allUp = true;
        System.out.println("ConPaaS runs (pid " + process.get().pid() + "), gateway http://localhost:" + port);
        for (ServiceSpec spec : ServiceSpec.plan(port, Integer.parseInt(state.getProperty("service-ports")), "")) {
            boolean up = Health.up(spec.healthUrl());
            allUp &= up;
            System.out.printf("  %-13s %-5s :%d%n", spec.name(), up ? "UP" : "DOWN", spec.port());
        }
        return allUp ? 0 : 1;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}

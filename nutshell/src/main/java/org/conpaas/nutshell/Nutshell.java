package org.conpaas.nutshell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * ConPaaS on one machine: PostgreSQL and an AMQP broker (embedded, or the ones given), every
 * service as its own process from the same jars production runs, the gateway in front.
 */
public final class Nutshell {

    /** The PostgreSQL port the services use: the embedded one's, or the --db-url's (5432 when it names none). */
    private int databasePort() {
        if (options.dbUrl() == null) {
            return options.pgPort();
        }
        int port = URI.create(options.dbUrl().substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final NutshellOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Secret clientCertificateSecret;
    private Secret signingKeyPassphrase;
    private EmbeddedDatabase embeddedDatabase;
    private EmbeddedBroker embeddedBroker;
    private final DockerEngine docker = new DockerEngine(DockerEngine.DEFAULT_SOCKET);
    /** the container cloud, when the nutshell runs one */
    private java.util.Optional<DockerNodes> containers = java.util.Optional.empty();
    private volatile boolean stopping;
    private boolean stopped;

    private Nutshell(NutshellOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // the embedded PostgreSQL and broker talk a lot; the nutshell prints what matters
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("conpaas.log", "warn"));
        // the rabbit binder's x-dead-letter-* arguments, which Qpid ignores by our choice (see EmbeddedBroker)
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.qpid.server.queue.QueueArgumentsConverter", "error");
        NutshellOptions options;
        try {
            if (args.length > 0 && args[0].equals("check-args")) {
                // ./conpaas asks before it builds, so that a typo does not cost a build
                NutshellOptions.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
                System.exit(0);
            }
            options = NutshellOptions.parse(args);
        } catch (NutshellOptions.UsageException e) {
            System.err.println("conpaas: " + e.getMessage() + " (see: ./conpaas help)");
            System.exit(2);
            return;
        }
        try {
            System.exit(switch (options.command()) {
                case "up" -> new Nutshell(options).run();
                case "down" -> NutshellControl.down(options);
                case "status" -> NutshellControl.status(options);
                default -> {
                    System.out.println(NutshellOptions.USAGE);
                    yield 0;
                }
            });
        } catch (NutshellOptions.UsageException e) {
            System.err.println("conpaas: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("conpaas: " + e);
            System.exit(1);
        }
    }

    private int run() throws Exception {
        Path data = Files.createDirectories(options.dataDir());
        // secrets, logs and the database live here: nobody but the nutshell's user may enter (local nodes run as others)
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path pidFile = data.resolve("nutshell.pid");
        NutshellControl.running(data).filter(p -> p.pid() != ProcessHandle.current().pid()).ifPresent(p -> {
            throw new NutshellOptions.UsageException("a nutshell already runs from " + data + " (pid " + p.pid()
                    + "): stop it with ./conpaas down first");
        });
        Path repo = options.repo() != null ? options.repo() : Jars.repoOfRunningJar();
        List<ServiceSpec> plan = ServiceSpec.plan(options.port(), options.servicePorts(), options.dbPrefix());
        List<Path> jars = new ArrayList<>();
        for (ServiceSpec spec : plan) {
            jars.add(Jars.find(repo, spec.module()));
        }
        // what a nutshell that was killed left running holds the ports: stop it first
        Orphans.stopServicesRecordedIn(data.resolve("pids"));
        Orphans.stopPostgresLeftIn(data.resolve("postgres"));
        Orphans.stopLocalNodesIn(data.resolve("nodes"));
        requirePortsFree(plan);
        DockerNodes.removeLeftovers(docker, LocalNodeHomes.deployment(data), false, System.out);
        containers = DockerNodes.choose(options, docker, System.out);
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        StopSignals.onStop(this::stopAndExit);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "nutshell-stop"));
        try {
            Secret admin = Secret.loadOrCreate(data.resolve("admin-password"));
            clientCertificateSecret = Secret.loadOrCreate(data.resolve("client-certificate-secret"));
            signingKeyPassphrase = Secret.loadOrCreate(data.resolve("signing-key-passphrase"));
            start(plan, jars, admin, data, repo);
            new HealthWaiter(options.startupTimeout(), Duration.ofSeconds(1)).awaitAll(services,
                    up -> System.out.println("  " + up));
            banner(admin);
            watch();
            stopAll();
            return 0;
        } catch (Exception e) {
            if (stopping) {
                // a Ctrl-C while starting: wait until the signal's stop has finished
                stopAll();
                return 0;
            }
            System.err.println("conpaas: " + e.getMessage());
            stopAll();
            return 1;
        }
    }

    private void requirePortsFree(List<ServiceSpec> plan) {
        for (ServiceSpec spec : plan) {
            Ports.requireFree(spec.port(), spec.name(), spec.isGateway() ? "--port" : "--service-ports");
            if (spec.healthPort() != spec.port()) {
                Ports.requireFree(spec.healthPort(), spec.name() + " health", "--service-ports");
            }
        }
        if (options.dbUrl() == null) {
            Ports.requireFree(options.pgPort(), "embedded PostgreSQL", "--pg-port");
        }
        if (options.amqpUrl() == null) {
            Ports.requireFree(options.amqpPort(), "embedded AMQP broker", "--amqp-port");
        }
    }

    private void start(List<ServiceSpec> plan, List<Path> jars, Secret admin, Path data, Path repo) throws Exception {
        Database database = database(data);
        for (ServiceSpec spec : plan) {
            if (!spec.isGateway()) {
                database.ensure(spec.database());
            }
        }
        URI amqp = broker(data);
        writeState(data);
        System.out.println("starting ConPaaS: " + plan.size() + " services (logs in " + data.resolve("logs") + ")");
        for (int i = 0; i < plan.size(); i++) {
            ServiceSpec spec = plan.get(i);
            List<String> extra = new ArrayList<>(ServiceSettings.tls(spec, data, options.publicUrl(), options.plainHttp()));
            if (spec.name().equals("provisioning")) {
                extra.addAll(ServiceSettings.localCloud(plan, repo, data, options.publicUrl(), List.of(databasePort(), amqp.getPort() < 0 ? 5672 : amqp.getPort())));
                containers.ifPresent(c -> extra.addAll(c.provisioningSettings(options.port())));
            }
            if (spec.name().equals("app")) {
                containers.ifPresent(c -> extra.addAll(DockerNodes.appSettings()));
                extra.addAll(HostRuntimes.appSettings(containers.isPresent()));
            }
            if (spec.name().equals("cert")) {
                containers.ifPresent(c -> extra.addAll(c.certSettings()));
            }
            extra.addAll(options.extra());
            ServiceSettings settings = ServiceSettings.of(spec, plan, database, amqp, options.exchange(), admin.value(), extra)
                    .withEnvironment("CONPAAS_SECURITY_CLIENTCERTIFICATESECRET", clientCertificateSecret.value())
                    .withSigningKeyPassphrase(spec, signingKeyPassphrase.value());
            if (spec.isGateway() && !options.plainHttp()) {
                awaitDirectorCertificate(data.resolve("director"));
            }
            ServiceProcess process = new ServiceProcess(spec, jars.get(i), settings, data);
            synchronized (this) {
                if (stopping) {
                    return;
                }
                process.start();
                services.add(process);
            }
        }
    }

    private Database database(Path data) throws IOException, SQLException {
        if (options.dbUrl() != null) {
            System.out.println("using the PostgreSQL at " + options.dbUrl());
            return new Database(options.dbUrl(), options.dbUser(), options.dbPassword());
        }
        System.out.println("starting the embedded PostgreSQL on 127.0.0.1:" + options.pgPort() + " (data in "
                + data.resolve("postgres") + ")");
        embeddedDatabase = EmbeddedDatabase.start(data.resolve("postgres"), options.pgPort(),
                data.resolve("logs").resolve("postgres.log"), Secret.loadOrCreate(data.resolve("postgres-password")).value());
        return embeddedDatabase.database();
    }

    private URI broker(Path data) throws Exception {
        if (options.amqpUrl() != null) {
            System.out.println("using the AMQP broker at " + options.amqpUrl().getHost() + ":" + options.amqpUrl().getPort());
            return options.amqpUrl();
        }
        System.out.println("starting the embedded AMQP broker on 127.0.0.1:" + options.amqpPort() + " (data in "
                + data.resolve("broker") + ")");
        String password = Secret.loadOrCreate(data.resolve("broker-password")).value();
        embeddedBroker = EmbeddedBroker.start(data.resolve("broker"), options.amqpPort(), password);
        return URI.create(embeddedBroker.url());
    }

    /** The gateway serves the certificate cert-service writes when it is ready: wait for it (or a failed cert-service). */
    private void awaitDirectorCertificate(Path director) throws InterruptedException {
        Instant deadline = Instant.now().plus(options.startupTimeout());
        while (!(Files.isRegularFile(director.resolve("director.pem")) && Files.isRegularFile(director.resolve("director.key")))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("cert-service wrote no director certificate into " + director + " within "
                        + options.startupTimeout().toSeconds() + " s: see logs/cert.log");
            }
            if (services.stream().anyMatch(s -> s.spec().name().equals("cert") && !s.isAlive())) {
                throw new IllegalStateException("cert-service stopped before writing the director certificate: see logs/cert.log");
            }
            Thread.sleep(250);
        }
    }

    private void banner(Secret admin) {
        String url = options.publicUrl();
        Path ca = options.dataDir().resolve("director").resolve("ca.pem");
        String curl = options.plainHttp() ? "curl -s " : "curl -s --cacert " + ca + " ";
        System.out.println();
        System.out.println("ConPaaS is up: " + url);
        System.out.println("  administrator: admin");
        if (admin.createdNow()) {
            System.out.println("  password:      " + admin.value() + "   (shown this once; kept in " + admin.file() + ")");
        } else {
            System.out.println("  password:      in " + admin.file());
        }
        if (!options.plainHttp()) {
            System.out.println("  CA certificate: " + ca + "   (trust it: curl --cacert, cps login --cacert)");
        }
        System.out.println();
        System.out.println("  cps:      ./cps login --url " + url + (options.plainHttp() ? "" : " --cacert " + ca)
                + " --user admin --password-stdin < " + admin.file());
        System.out.println("  browser:  " + url + "/   (the dashboard" + (options.plainHttp() ? ")" : "; import " + ca + " as a trusted CA first)"));
        System.out.println("  log in:   " + curl + url + "/api/auth/login -H 'Content-Type: application/json' \\");
        System.out.println("              -d \"{\\\"username\\\":\\\"admin\\\",\\\"password\\\":\\\"$(cat " + admin.file() + ")\\\"}\"");
        System.out.println("  then:     " + curl + url + "/api/me -H \"Authorization: Bearer <accessToken>\"");
        System.out.println("  health:   " + curl + url + "/api/platform/health");
        System.out.println("  Ctrl-C (or ./conpaas down) stops it.");
    }

    /** Keeps the services running: a crashed one is reported and restarted (a few times at most). */
    private void watch() throws InterruptedException, IOException {
        while (!stopping) {
            Thread.sleep(2000);
            for (ServiceProcess s : services) {
                synchronized (this) {
                    if (stopping || s.isAlive()) {
                        continue;
                    }
                    System.err.println(s.spec().name() + " stopped unexpectedly; the end of " + s.log() + ":\n"
                            + HealthWaiter.tail(s.log()));
                    System.err.println(s.restartAfterCrash() ? "  restarted " + s.spec().name()
                            : "  not restarted again: it crashed " + ServiceProcess.MAX_RESTARTS + " times");
                }
            }
        }
    }

    private void stopAndExit() {
        stopAll();
        System.exit(0);
    }

    /**
     * Services first (all at once, 20 s to stop gracefully, then killed), then the broker, then
     * PostgreSQL. Whoever calls it (signal, main thread, shutdown hook) returns only once all is stopped.
     */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopping = true;
        stopped = true;
        System.out.println("stopping ConPaaS…");
        services.forEach(ServiceProcess::requestStop);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ServiceProcess s : services) {
            try {
                s.awaitStopOrKill(deadline);
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("could not stop " + s.spec().name() + ": " + e.getMessage());
            }
        }
        try {
            Orphans.stopLocalNodesIn(options.dataDir().resolve("nodes"));
        } catch (IOException e) {
            System.err.println("could not stop the local nodes: " + e.getMessage());
        }
        try {
            DockerNodes.removeLeftovers(docker, LocalNodeHomes.deployment(options.dataDir()), containers.isPresent(), System.out);
        } catch (IOException e) {
            System.err.println("could not remove the node containers: " + e.getMessage());
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

    private void writeState(Path data) throws IOException {
        Properties state = new Properties();
        state.setProperty("port", String.valueOf(options.port()));
        state.setProperty("service-ports", String.valueOf(options.servicePorts()));
        state.setProperty("public-url", options.publicUrl());
        try (var out = Files.newOutputStream(data.resolve("nutshell.state"))) {
            state.store(out, "the ports of the running nutshell");
        }
    }
}

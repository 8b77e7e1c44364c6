package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The program that runs on every provisioned node: {@code java -jar node-agent.jar --config FILE}.
 * It enrolls for a node certificate, then heartbeats to the director over mutual TLS and runs
 * the service's code as the director's answers say. Exit codes: 0 stopped as asked, 1 an
 * unexpected error, 2 usage or settings, 3 enrollment refused or impossible.
 */
public final class NodeAgent {

    static final int STOPPED = 0;
    static final int UNEXPECTED = 1;
    static final int BAD_SETTINGS = 2;
    static final int NOT_ENROLLED = 3;
    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());

    private NodeAgent() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            System.out.println("conpaas node-agent " + version());
            return STOPPED;
        }
        if (args.length != 2 || !"--config".equals(args[0])) {
            System.err.println("usage: node-agent --config FILE | --version");
            return BAD_SETTINGS;
        }
        OneLineFormatter.install();
        AgentSettings settings;
        try {
            settings = AgentSettings.load(Path.of(args[1]));
            usableWorkDir(settings.workDir());
        } catch (SettingsException e) {
            System.err.println("node-agent: " + e.getMessage());
            return BAD_SETTINGS;
        }
        try {
            return run(settings);
        } catch (EnrollmentRefused e) {
            LOG.severe(e.getMessage());
            return NOT_ENROLLED;
        } catch (InterruptedException e) {
            return UNEXPECTED;
        } catch (IOException | RuntimeException e) {
            LOG.severe(() -> "unexpected failure: " + Enrollment.describe(e));
            return UNEXPECTED;
        }
    }

    private static int run(AgentSettings settings) throws EnrollmentRefused, IOException, InterruptedException {
        NodeIdentity identity = settings.identity();
        LOG.info(() -> "node-agent " + version() + " starting: node " + identity.nodeId() + " (" + identity.role() + ") of service "
                + identity.serviceId() + ", application " + identity.applicationId() + ", director " + settings.directorUrl()
                + ", work-dir " + settings.workDir());
        NodeCredentials credentials = new Enrollment(settings).credentials();
        DirectorClient director = new DirectorClient(settings, credentials);
        ServiceLog log = new ServiceLog(settings.workDir());
        ServiceHost service = settings.type() == ServiceType.WEB
                ? new WebService(settings.httpPort(), log)
                : new GenericService(identity, log, settings.serviceUser());
        // a node with a VPN address joins its service's WireGuard network
        java.util.Optional<WireGuardNetwork> wireGuard = identity.vpnAddress()
                .map(address -> new WireGuardNetwork(director, settings.workDir(), settings.wireGuardEndpoint(),
                        settings.wireGuardInterface()));
        CodeInstaller installer = new CodeInstaller(director, settings.codeDir(), settings.unpackLimits());
        Agent agent = new Agent(settings, director, installer, service, log, wireGuard);
        java.util.Optional<WebHosting> hosting = settings.type().hostsReleases()
                ? java.util.Optional.of(new WebHosting(settings, installer, log, Runtimes.onThisNode(), agent::wakeUp))
                : java.util.Optional.empty();
        hosting.ifPresent(agent::hosting);
        java.util.Optional<DatabaseNode> database = settings.type() == ServiceType.MYSQL
                ? java.util.Optional.of(new DatabaseNode(settings, log, MariaDb.onThisNode(), director))
                : java.util.Optional.empty();
        database.ifPresent(agent::database);
        Termination.onSignals(agent::requestStop);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.stop();
            hosting.ifPresent(WebHosting::stop);
            database.ifPresent(DatabaseNode::stop);
            wireGuard.ifPresent(WireGuardNetwork::stop);
        }, "stop-service"));
        return agent.run();
    }

    private static void usableWorkDir(Path workDir) throws SettingsException {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new SettingsException("setting work-dir: cannot create " + workDir + ": " + e.getMessage());
        }
        if (!Files.isWritable(workDir)) {
            throw new SettingsException("setting work-dir: " + workDir + " is not writable");
        }
    }

    static String version() {
        String v = NodeAgent.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

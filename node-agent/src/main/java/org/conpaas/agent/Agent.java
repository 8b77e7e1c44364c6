package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The enrolled agent's life: a heartbeat every interval, a new code version installed and
 * started when the director announces one, and an orderly stop (service stopped, a last
 * STOPPING heartbeat) when the director says STOP or the process is told to terminate.
 */
final class Agent {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());

    private final AgentSettings settings;
    private final DirectorClient director;
    private final CodeInstaller installer;
    private final ServiceHost service;
    private final ServiceLog log;
    private final LogShipper logs;
    private final Optional<WireGuardNetwork> wireGuard;
    private Optional<WebHosting> hosting = Optional.empty();
    private Optional<DatabaseNode> database = Optional.empty();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** Released to heartbeat before the interval is over (a stop, a backend's first health result). */
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile String stopReason;
    /** Until the director first answered, the agent cannot know whether there is code to run: STARTING. */
    private boolean answered;
    private long runningVersion;
    private ReleaseEnvironment runningEnvironment = ReleaseEnvironment.EMPTY;
    private long refusedVersion = -1;
    private String refusal;
    private String refusalReason;

    Agent(AgentSettings settings, DirectorClient director, CodeInstaller installer, ServiceHost service, ServiceLog log,
          Optional<WireGuardNetwork> wireGuard) {
        this.settings = settings;
        this.wireGuard = wireGuard;
        this.director = director;
        this.installer = installer;
        this.service = service;
        this.log = log;
        this.logs = new LogShipper(settings.workDir());
        RefusedCode.load(settings.workDir()).ifPresent(this::remember);
    }

    /** For php and java services: the releases and members of the answers go to {@code webHosting}. */
    Agent hosting(WebHosting webHosting) {
        this.hosting = Optional.of(webHosting);
        return this;
    }

    /** For mysql services: the Galera membership of the answers goes to {@code node}. */
    Agent database(DatabaseNode node) {
        this.database = Optional.of(node);
        return this;
    }

    /** Heartbeat now rather than at the end of the interval; from any thread. */
    void wakeUp() {
        wakeUp.release();
    }

    private void remember(RefusedCode refused) {
        refusedVersion = refused.version();
        refusalReason = refused.reason();
        refusal = "code version " + refused.version() + " refused: " + refused.reason();
    }

    /** Heartbeats until asked to stop; then stops the service and returns the exit code, 0. */
    int run() throws InterruptedException {
        boolean failing = false;
        ScheduledExecutorService vpn = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wireguard");
            thread.setDaemon(true);
            return thread;
        });
        // the VPN follows the application's nodes on its own beat: peers come and go within seconds
        wireGuard.ifPresent(network -> vpn.scheduleWithFixedDelay(this::refreshWireGuard, 0,
                settings.wireGuardInterval().toMillis(), TimeUnit.MILLISECONDS));
        while (stopRequested.getCount() > 0) {
            boolean deployed = false;
            try {
                LogShipper.Batch shipped = logs.next();
                HeartbeatAnswer answer = director.heartbeat(heartbeat().withLogLines(shipped.lines()));
                shipped.commit();
                answered = true;
                if (failing) {
                    LOG.info("heartbeats reach the director again");
                    failing = false;
                }
                if (answer.stop()) {
                    requestStop("the director asked to stop");
                    break;
                }
                deployed = hosting.isPresent() ? hosting.get().follow(answer)
                        : database.isPresent() ? database.get().follow(answer) : deployAnnounced(answer.codeVersion(),
                        answer.release().map(Release::environment).orElse(ReleaseEnvironment.EMPTY));
            } catch (IOException e) {
                LOG.warning(() -> "heartbeat failed, trying again in " + settings.heartbeatInterval() + ": " + Enrollment.describe(e));
                failing = true;
            }
            if (!deployed && stopRequested.getCount() > 0) {
                wakeUp.tryAcquire(settings.heartbeatInterval().toNanos(), TimeUnit.NANOSECONDS);
                wakeUp.drainPermits();
            }
        }
        vpn.shutdownNow();
        vpn.awaitTermination(30, TimeUnit.SECONDS);
        stop();
        return 0;
    }

    /** Keeps the node's WireGuard configuration (and interface) in step; a failure is logged and retried at the next beat. */
    private void refreshWireGuard() {
        try {
            wireGuard.orElseThrow().refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "WireGuard not refreshed, trying again in " + settings.wireGuardInterval() + ": " + Enrollment.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From any thread, e.g. the signal handler. */
    void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopRequested.countDown();
        wakeUp.release();
    }

    Heartbeat heartbeat() throws InterruptedException {
        if (hosting.isPresent() && answered) {
            WebHosting web = hosting.get();
            ServiceHost.ServiceStatus status = web.status();
            return new Heartbeat(status.state(), status.detail(), log.tail(), web.httpPort(), web.refusedCodeVersion(), web.codeRefusal(),
                    web.report());
        }
        if (database.isPresent() && answered) {
            ServiceHost.ServiceStatus status = database.get().status();
            return new Heartbeat(status.state(), status.detail(), log.tail(), database.get().port(), database.get().report());
        }
        ServiceState state;
        String detail;
        if (!answered) {
            state = ServiceState.STARTING;
            detail = "enrolled, waiting for the director's first answer";
        } else if (runningVersion == 0) {
            state = refusal == null ? ServiceState.RUNNING : ServiceState.FAILED;
            detail = refusal == null ? "no code uploaded" : refusal;
        } else {
            ServiceHost.ServiceStatus status = service.status();
            state = status.state();
            detail = refusal == null ? status.detail() : status.detail() + "; " + refusal;
        }
        return refusedVersion < 0 ? new Heartbeat(state, detail, log.tail(), service.httpPort())
                : new Heartbeat(state, detail, log.tail(), service.httpPort(), refusedVersion, refusalReason);
    }

    /**
     * Runs the announced version when it is not the one running (an older one is a rollback: the
     * director enabled it again), or again when the release's variables changed; true when something
     * changed that the director should hear about at once.
     */
    private boolean deployAnnounced(OptionalLong announced, ReleaseEnvironment environment) throws InterruptedException {
        if (announced.isEmpty() || announced.getAsLong() == refusedVersion
                || announced.getAsLong() == runningVersion && environment.variables().equals(runningEnvironment.variables())) {
            return false;
        }
        long version = announced.getAsLong();
        LOG.info(() -> "code version " + version + " announced (running: " + (runningVersion == 0 ? "none" : runningVersion) + ")");
        Path directory;
        try {
            directory = installer.installVersion(version);
        } catch (CodeRefused e) {
            RefusedCode refused = new RefusedCode(version, e.getMessage());
            refused.save(settings.workDir());
            remember(refused);
            log.append("agent: " + refusal);
            LOG.warning(refusal);
            return true;
        } catch (IOException e) {
            LOG.warning(() -> "code version " + version + " could not be fetched, trying again at the next heartbeat: "
                    + Enrollment.describe(e));
            return false;
        }
        environment.ignored().forEach(ignored -> log.append("agent: " + ignored));
        service.start(version, directory, environment);
        runningVersion = version;
        runningEnvironment = environment;
        refusal = null;
        installer.removeAllBut(version);
        return true;
    }

    private void stop() {
        LOG.info(() -> "stopping: " + stopReason);
        service.stop();
        hosting.ifPresent(WebHosting::stop);
        database.ifPresent(DatabaseNode::stop);
        wireGuard.ifPresent(WireGuardNetwork::stop);
        try {
            director.heartbeat(new Heartbeat(ServiceState.STOPPING, "stopped: " + stopReason, log.tail(), null));
        } catch (IOException e) {
            LOG.warning(() -> "the last heartbeat (STOPPING) failed: " + Enrollment.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped");
    }
}

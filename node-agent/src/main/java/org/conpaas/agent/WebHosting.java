package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A php or java node: follows the director's releases and members with nginx (proxy, web, php
 * backend), PHP-FPM or Tomcat (backend) and memcached (sessions, with the proxy), all run as the
 * {@link RuntimeUser}. A release other than the one running is fetched if the node lacks its code
 * version, then web and backend restart on it (as they do when the release's variables change: a
 * bound database's address); the backend's health is probed until it answers and
 * then at every heartbeat. New members are taken up by a graceful nginx reload.
 */
final class WebHosting {

    private static final Logger LOG = Logger.getLogger(WebHosting.class.getName());
    private static final Duration PHP_READY = Duration.ofSeconds(10);
    private static final Duration PHP_FIRST_ANSWER = Duration.ofSeconds(30);
    private static final Duration TOMCAT_FIRST_ANSWER = Duration.ofSeconds(90);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final ServiceType type;
    private final Set<WebRole> roles;
    private final WebPorts ports;
    private final String listenAddress;
    private final RuntimeUser user;
    private final Runtimes runtimes;
    private final RuntimeLogs logs;
    private final ServiceLog log;
    private final CodeInstaller installer;
    private final BackendHealth health;
    private final Path workDir;
    private NginxMaster nginx;
    private AccessLogReceiver accessLog;
    private RuntimeProcess backend;
    private RuntimeProcess sessionStore;
    private boolean prepared;
    /** Why the node cannot host at all (a runtime missing, root): for good. */
    private String problem;
    /** Why a runtime did not start, by runtime; cleared when it starts. */
    private final Map<String, String> failures = new java.util.TreeMap<>();
    private volatile Release running;
    private Path codeDirectory;
    private long previousCodeVersion = -1;
    private SessionStore sessions;
    private ProxyMembers members;
    private volatile String appliedMembersHash;
    private long refusedVersion = -1;
    private String refusalReason;

    WebHosting(AgentSettings settings, CodeInstaller installer, ServiceLog log, Runtimes runtimes, Runnable onHealthKnown) {
        this.type = settings.type();
        this.workDir = settings.workDir();
        this.roles = settings.webRoles();
        this.ports = settings.webPorts().resolved();
        this.listenAddress = settings.listenAddress();
        this.user = new RuntimeUser(settings.serviceUser(), settings.workDir());
        this.runtimes = runtimes;
        this.logs = new RuntimeLogs(settings.workDir());
        this.log = log;
        this.installer = installer;
        this.health = new BackendHealth(new HealthCheck(listenAddress, ports.backend()), log, onHealthKnown);
        RefusedCode.load(settings.workDir()).ifPresent(refused -> {
            refusedVersion = refused.version();
            refusalReason = refused.reason();
        });
    }

    /** Brings the node in line with the answer; true when the director should hear about it at once. */
    synchronized boolean follow(HeartbeatAnswer answer) throws InterruptedException {
        if (!prepare()) {
            return false;
        }
        boolean changed = false;
        boolean nginxChanged = nginx.process() == null || !nginx.process().alive();
        if (roles.contains(WebRole.PROXY) && (sessionStore == null || !sessionStore.alive())) {
            startSessionStore();
        }
        SessionStore wantedSessions = answer.sessions().orElse(null);
        Release wanted = answer.release().orElse(null);
        Release switched = null;
        Release restarted = null;
        boolean runsCode = roles.contains(WebRole.WEB) || roles.contains(WebRole.BACKEND);
        // the same release with other variables: a bound database's member this node used left its cluster
        if (runsCode && wanted != null && (running == null || wanted.number() != running.number()
                || !wanted.environment().variables().equals(running.environment().variables()))
                && wanted.codeVersion() != refusedVersion) {
            switched = switchTo(wanted, wantedSessions);
            changed = switched != null || refusedVersion == wanted.codeVersion();
            nginxChanged |= switched != null;
        } else if (running != null && roles.contains(WebRole.BACKEND)
                && (!Objects.equals(wantedSessions, sessions) || backend == null || !backend.alive())) {
            if (backend != null && !backend.alive()) {
                log.append("agent: " + backend.describeExit() + "; starting it again");
            }
            startBackend(running, wantedSessions);
            restarted = running;
        }
        ProxyMembers wantedMembers = answer.members().orElse(null);
        boolean newMembers = roles.contains(WebRole.PROXY) && wantedMembers != null && !wantedMembers.hash().equals(appliedMembersHash);
        if (newMembers) {
            members = wantedMembers;
            nginxChanged = true;
        }
        if (nginxChanged && applyNginx()) {
            if (newMembers) {
                appliedMembersHash = wantedMembers.hash();
                log.append("agent: proxy balances over " + wantedMembers.backends().size() + " backends and "
                        + wantedMembers.webs().size() + " webs (members " + AgentSettings.abbreviate(wantedMembers.hash()) + ")");
                changed = true;
            }
        }
        Release probed = switched != null ? switched : restarted;
        if (probed != null && roles.contains(WebRole.BACKEND)) {
            health.probe(probed, type == ServiceType.PHP ? probed.number() : null,
                    type == ServiceType.JAVA ? TOMCAT_FIRST_ANSWER : PHP_FIRST_ANSWER);
        }
        return changed;
    }

    /** Once: the runtimes are there and not root, their directories made, the access log received. */
    private boolean prepare() {
        if (prepared) {
            return problem == null;
        }
        prepared = true;
        problem = runtimes.missing(type, roles).orElse(null);
        if (problem == null && user.wouldBeRoot()) {
            problem = type.label() + " runtimes never run as root: give the node a service-user";
        }
        if (problem != null) {
            log.append("agent: " + problem);
            LOG.severe(problem);
            return false;
        }
        try {
            nginx = new NginxMaster(runtimes.nginx().orElseThrow(), user, logs);
            List<Path> directories = new ArrayList<>(nginx.directories());
            directories.add(new PhpFpmConfig(user.stateDir(), ReleaseEnvironment.EMPTY, null).sessionDirectory());
            directories.addAll(tomcatBase(user.stateDir()).directories());
            user.directories(directories.toArray(Path[]::new));
            if (roles.contains(WebRole.PROXY)) {
                accessLog = new AccessLogReceiver(logs);
            }
        } catch (IOException e) {
            problem = "cannot prepare the runtimes' directory " + user.stateDir() + ": " + e.getMessage();
            log.append("agent: " + problem);
            LOG.severe(problem);
            return false;
        }
        return true;
    }

    /** The release's code in place and the backend restarted on it; null when it cannot be (yet). */
    private Release switchTo(Release release, SessionStore wantedSessions) throws InterruptedException {
        LOG.info(() -> release.describe() + " announced (running: " + (running == null ? "none" : running.describe()) + ")");
        Path directory;
        try {
            directory = installer.installVersion(release.codeVersion());
        } catch (CodeRefused e) {
            RefusedCode refused = new RefusedCode(release.codeVersion(), e.getMessage());
            refused.save(workDir);
            refusedVersion = refused.version();
            refusalReason = refused.reason();
            log.append("agent: " + refusal());
            LOG.warning(refusal());
            return null;
        } catch (IOException e) {
            LOG.warning(() -> "code version " + release.codeVersion() + " could not be fetched, trying again at the next heartbeat: "
                    + Enrollment.describe(e));
            return null;
        }
        log.rotateIfLarge();
        release.environment().ignored().forEach(ignored -> {
            log.append("agent: release " + release.number() + ": " + ignored);
            LOG.warning(() -> "release " + release.number() + ": " + ignored);
        });
        if (running != null && running.codeVersion() != release.codeVersion()) {
            previousCodeVersion = running.codeVersion();
        }
        running = release;
        codeDirectory = directory;
        log.append("agent: " + release.describe() + ": starting " + rolesLabel());
        if (roles.contains(WebRole.BACKEND)) {
            startBackend(release, wantedSessions);
        }
        installer.removeAllBut(Set.of(release.codeVersion(), previousCodeVersion));
        return release;
    }

    /** (Re)starts PHP-FPM or Tomcat on {@code release}; a failure shows in the status. */
    private void startBackend(Release release, SessionStore wantedSessions) throws InterruptedException {
        health.forget();
        if (backend != null) {
            backend.stop();
            backend = null;
        }
        sessions = wantedSessions;
        try {
            if (type == ServiceType.PHP) {
                PhpFpmConfig config = new PhpFpmConfig(user.stateDir(), release.environment(), sessions);
                Path file = user.stateDir().resolve("php-fpm.conf");
                user.write(file, config.render());
                long logged = logs.size("php-fpm.log");
                backend = RuntimeProcess.start("php-fpm", user, logs, "php-fpm.log", List.of(runtimes.phpFpm().orElseThrow().toString(),
                        "--nodaemonize", "--force-stderr", "--fpm-config", file.toString()), release.environment().variables());
                awaitFpm(logged);
            } else {
                TomcatBase base = tomcatBase(user.stateDir());
                user.write(base.base().resolve("conf/server.xml"), base.serverXml());
                user.write(base.base().resolve("conf/web.xml"), TomcatBase.webXml());
                user.write(base.base().resolve("conf/logging.properties"), TomcatBase.loggingProperties());
                backend = RuntimeProcess.start("tomcat", user, logs, "catalina.log", base.command(), release.environment().variables());
            }
            failures.remove("backend");
        } catch (IOException e) {
            fail("backend", release.describe() + ": the backend could not start: " + e.getMessage());
        }
    }

    private void awaitFpm(long logged) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PHP_READY.toMillis();
        while (System.currentTimeMillis() < deadline && backend.alive() && !logs.grewWith("php-fpm.log", logged, "ready to handle connections")) {
            Thread.sleep(50);
        }
    }

    private TomcatBase tomcatBase(Path stateDir) {
        return new TomcatBase(stateDir.resolve("tomcat"), runtimes.tomcatHome().orElse(Runtimes.TOMCAT_HOME), runtimes.java(),
                listenAddress, ports.backend(), codeDirectory == null ? stateDir : codeDirectory);
    }

    private void startSessionStore() {
        // without a service user (the local cloud) the node shares the machine's network: memcached stays on loopback
        String address = user.serviceUser().isPresent() ? listenAddress : "127.0.0.1";
        try {
            sessionStore = RuntimeProcess.start("memcached", user, logs, "memcached.log", List.of(runtimes.memcached().orElseThrow().toString(),
                    "-p", Integer.toString(ports.sessions()), "-l", address, "-m", "64", "-U", "0", "-c", "256", "-t", "2"), Map.of());
            failures.remove("sessions");
        } catch (IOException e) {
            fail("sessions", "memcached could not start: " + e.getMessage());
        }
    }

    private boolean applyNginx() throws InterruptedException {
        NginxConfig config = new NginxConfig(type, roles, ports, listenAddress, user.stateDir(), running, codeDirectory, members,
                new PhpFpmConfig(user.stateDir(), ReleaseEnvironment.EMPTY, null).socket(), accessLog == null ? 0 : accessLog.port());
        try {
            nginx.apply(config.render());
            failures.remove("nginx");
            return true;
        } catch (IOException | IllegalArgumentException e) {
            fail("nginx", "nginx did not take its new configuration: " + e.getMessage());
            return false;
        }
    }

    /** Noted once: a runtime that keeps failing is tried again at every answer, its log line is not repeated. */
    private void fail(String runtime, String why) {
        if (why.equals(failures.put(runtime, why))) {
            return;
        }
        log.append("agent: " + why);
        LOG.warning(why);
    }

    synchronized ServiceHost.ServiceStatus status() {
        if (problem != null) {
            return new ServiceHost.ServiceStatus(ServiceState.FAILED, problem);
        }
        if (!failures.isEmpty()) {
            return new ServiceHost.ServiceStatus(ServiceState.FAILED, String.join("; ", failures.values()));
        }
        for (RuntimeProcess process : processes()) {
            if (!process.alive()) {
                return new ServiceHost.ServiceStatus(ServiceState.FAILED, process.describeExit() + " (see logs/ in the work directory)");
            }
        }
        String refusal = refusedVersion < 0 ? null : refusal();
        if (running == null) {
            return refusal != null ? new ServiceHost.ServiceStatus(ServiceState.FAILED, refusal)
                    : new ServiceHost.ServiceStatus(ServiceState.RUNNING,
                    roles.contains(WebRole.PROXY) ? "no release yet: proxy serving" : "no code uploaded");
        }
        String detail = running.describe() + ": " + rolesLabel() + " serving";
        return new ServiceHost.ServiceStatus(ServiceState.RUNNING,
                refusal != null && refusedVersion != running.codeVersion() ? detail + "; " + refusal : detail);
    }

    /** The heartbeat's php/java fields; checks the backend's health (once its first answer came). */
    Heartbeat.HostingReport report() throws InterruptedException {
        logs.bound();
        Release release = running;
        boolean backendRole = roles.contains(WebRole.BACKEND);
        if (backendRole && release != null) {
            health.recheck(release, type == ServiceType.PHP ? release.number() : null, CHECK_TIMEOUT);
        }
        BackendHealth.State state = backendRole ? health.state(release) : null;
        long now = System.currentTimeMillis();
        ResponseTimes times = accessLog == null ? null : accessLog.times();
        return new Heartbeat.HostingReport(ports.of(roles), release == null ? null : release.number(),
                state == null ? null : state.healthy(), state == null ? null : state.detail(),
                roles.contains(WebRole.PROXY) ? appliedMembersHash : null,
                times == null ? null : boxed(times.p95(now)), times == null ? null : boxed(times.rate(now)));
    }

    private static Double boxed(java.util.OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    /** The proxy's port, the node's HTTP entry, when it has the proxy role. */
    Integer httpPort() {
        return roles.contains(WebRole.PROXY) ? ports.proxy() : null;
    }

    synchronized Long refusedCodeVersion() {
        return refusedVersion < 0 ? null : refusedVersion;
    }

    synchronized String codeRefusal() {
        return refusalReason;
    }

    private String refusal() {
        return "code version " + refusedVersion + " refused: " + refusalReason;
    }

    private String rolesLabel() {
        return roles.stream().map(WebRole::label).collect(Collectors.joining(", "));
    }

    private List<RuntimeProcess> processes() {
        List<RuntimeProcess> processes = new ArrayList<>();
        if (nginx != null && nginx.process() != null) {
            processes.add(nginx.process());
        }
        if (backend != null) {
            processes.add(backend);
        }
        if (sessionStore != null) {
            processes.add(sessionStore);
        }
        return processes;
    }

    /** Ends every runtime (and what they started), all at once, and waits for them. */
    synchronized void stop() {
        health.forget();
        List<RuntimeProcess> all = processes();
        List<Thread> stopping = new ArrayList<>();
        for (RuntimeProcess process : all) {
            Thread thread = new Thread(process::stop, "stop-" + process.name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (nginx != null) {
            nginx.stop();
        }
        backend = null;
        sessionStore = null;
        if (accessLog != null) {
            accessLog.close();
        }
        if (!all.isEmpty()) {
            log.append("agent: stopped " + all.stream().map(RuntimeProcess::name).collect(Collectors.joining(", ")));
        }
    }
}

package org.conpaas.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A generic service: {@code sh start.sh} in the code directory, its output appended to
 * service.log, with an environment of PATH, HOME, LANG, the release's variables and the CONPAAS_*
 * node variables only (the platform's names win), as the
 * node's {@link ServiceUser} when it has one (then HOME is that user's home). Stopping runs {@code stop.sh} when the code has one, then ends start.sh and
 * every process it started that is still its descendant.
 */
final class GenericService implements ServiceHost {

    private static final long STOP_SCRIPT_SECONDS = 30;
    private static final long TERMINATE_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(GenericService.class.getName());

    private final NodeIdentity identity;
    private final ServiceLog log;
    private final Optional<ServiceUser> user;
    private Process process;
    private long version;
    private Path directory;
    private ReleaseEnvironment variables = ReleaseEnvironment.EMPTY;
    private String problem;

    GenericService(NodeIdentity identity, ServiceLog log, Optional<ServiceUser> user) {
        this.identity = identity;
        this.log = log;
        this.user = user;
    }

    @Override
    public synchronized void start(long newVersion, Path codeDirectory, ReleaseEnvironment environment) {
        stop();
        log.rotateIfLarge();
        version = newVersion;
        directory = codeDirectory;
        variables = environment;
        problem = null;
        if (!Files.isRegularFile(codeDirectory.resolve("start.sh"))) {
            problem = "code version " + newVersion + " has no start.sh";
            log.append("agent: " + problem);
            LOG.warning(problem);
            return;
        }
        log.append("agent: code version " + newVersion + ": starting start.sh");
        try {
            process = script("start.sh").start();
            LOG.info(() -> "code version " + newVersion + ": start.sh started, pid " + process.pid());
        } catch (IOException e) {
            problem = "code version " + newVersion + ": start.sh could not run: " + e.getMessage();
            log.append("agent: " + problem);
            LOG.warning(problem);
        }
    }

    @Override
    public synchronized ServiceStatus status() {
        String prefix = "code version " + version + ": ";
        if (problem != null) {
            return new ServiceStatus(ServiceState.FAILED, problem);
        }
        if (process == null) {
            return new ServiceStatus(ServiceState.STOPPING, prefix + "stopped");
        }
        if (process.isAlive()) {
            return new ServiceStatus(ServiceState.RUNNING, prefix + "start.sh running (pid " + process.pid() + ")");
        }
        int code = process.exitValue();
        return new ServiceStatus(code == 0 ? ServiceState.RUNNING : ServiceState.FAILED,
                prefix + "start.sh exited with code " + code);
    }

    @Override
    public Integer httpPort() {
        return null;
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        runStopScript();
        terminate(process);
        log.append("agent: code version " + version + ": stopped");
        LOG.info(() -> "code version " + version + ": stopped");
        process = null;
    }

    private void runStopScript() {
        if (!Files.isRegularFile(directory.resolve("stop.sh"))) {
            return;
        }
        try {
            log.append("agent: code version " + version + ": running stop.sh");
            Process stop = script("stop.sh").start();
            if (!stop.waitFor(STOP_SCRIPT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning(() -> "stop.sh did not end within " + STOP_SCRIPT_SECONDS + " s; ending it");
                terminate(stop);
            } else if (stop.exitValue() != 0) {
                LOG.warning(() -> "stop.sh exited with code " + stop.exitValue());
            }
        } catch (IOException e) {
            LOG.warning(() -> "stop.sh could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProcessBuilder script(String name) {
        List<String> command = List.of("sh", name);
        ProcessBuilder builder = new ProcessBuilder(user.map(u -> u.wrap(command)).orElse(command)).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        // an allow-list: the service's code sees nothing of the agent's own environment
        String lang = environment.getOrDefault("LANG", "C.UTF-8");
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", user.map(u -> u.home().toString()).orElse(directory.getParent().toString()));
        environment.put("LANG", lang.matches("[A-Za-z0-9_.@-]{1,40}") ? lang : "C.UTF-8");
        variables.variables().forEach((variable, value) -> {
            if (!variable.startsWith("CONPAAS_")) {
                environment.put(variable, value);
            }
        });
        environment.put("CONPAAS_NODE_ID", identity.nodeId());
        environment.put("CONPAAS_ROLE", identity.role());
        environment.put("CONPAAS_VPN_ADDRESS", identity.vpnAddress().orElse(""));
        environment.put("CONPAAS_SERVICE_ID", identity.serviceId());
        environment.put("CONPAAS_APPLICATION_ID", identity.applicationId());
        environment.put("CONPAAS_CODE_VERSION", Long.toString(version));
        return builder;
    }

    /** SIGTERM to the process and its descendants (taken before it dies and they are orphaned), SIGKILL to those left. */
    static void terminate(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TERMINATE_SECONDS);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }
}

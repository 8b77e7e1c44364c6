package org.conpaas.agent;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One runtime the agent started (nginx's master, PHP-FPM's master, Tomcat, memcached): its
 * process, whether it still runs, and its stop, which ends it and every process below it
 * (SIGTERM, SIGKILL to those left after 10 s).
 */
final class RuntimeProcess {

    private static final Logger LOG = Logger.getLogger(RuntimeProcess.class.getName());

    private final String name;
    private final Process process;

    private RuntimeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command} as the runtime user, output to {@code logs/<logName>}. */
    static RuntimeProcess start(String name, RuntimeUser user, RuntimeLogs logs, String logName, List<String> command,
                                Map<String, String> environment) throws IOException {
        Process process = user.process(command, environment, logs.file(logName)).start();
        LOG.info(() -> name + " started, pid " + process.pid());
        return new RuntimeProcess(name, process);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** "nginx exited with code 1", for a detail. */
    String describeExit() {
        return name + " exited with code " + process.exitValue();
    }

    /** The pids of its children (nginx's workers), to see a reload take effect. */
    List<Long> children() {
        return process.children().map(ProcessHandle::pid).toList();
    }

    void stop() {
        if (process.isAlive()) {
            GenericService.terminate(process);
            LOG.info(() -> name + " stopped");
        }
    }
}

package org.conpaas.agent;

import java.nio.file.Path;

/**
 * PHP-FPM's configuration for a php backend: one pool on a unix socket in the runtime's directory,
 * a few workers (the node holds at most 256 processes), the workers' output caught into the
 * master's log (stderr: the agent's logs/php-fpm.log), {@code clear_env} with the release's
 * variables only. The pool names each variable as {@code env[NAME] = $NAME}: PHP-FPM takes the
 * value from its own environment, where the agent put it, so no value is ever written to a file.
 * Sessions go to the service's memcached when it has one, else to files in the runtime's directory.
 */
record PhpFpmConfig(Path stateDir, ReleaseEnvironment environment, SessionStore sessions) {

    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    Path socket() {
        return stateDir.resolve("php-fpm.sock");
    }

    Path sessionDirectory() {
        return stateDir.resolve("php-sessions");
    }

    String render() {
        StringBuilder out = new StringBuilder()
                .append("; written by the ConPaaS node agent: changes are overwritten\n")
                .append("[global]\n")
                .append("pid = ").append(stateDir.resolve("php-fpm.pid")).append('\n')
                // with --force-stderr FPM logs to stderr; it still opens error_log, which must be writable
                .append("error_log = /dev/null\n")
                .append("log_limit = 8192\n")
                .append("daemonize = no\n")
                .append("process.max = 16\n")
                .append("[app]\n")
                .append("listen = ").append(socket()).append('\n')
                .append("listen.mode = 0600\n")
                .append("pm = dynamic\n")
                .append("pm.max_children = 8\n")
                .append("pm.start_servers = 2\n")
                .append("pm.min_spare_servers = 1\n")
                .append("pm.max_spare_servers = 3\n")
                .append("pm.max_requests = 1000\n")
                .append("catch_workers_output = yes\n")
                .append("decorate_workers_output = no\n")
                .append("clear_env = yes\n")
                .append("env[PATH] = ").append(PATH).append('\n');
        for (String name : environment.variables().keySet()) {
            if (!name.equals("PATH")) {
                out.append("env[").append(name).append("] = $").append(name).append('\n');
            }
        }
        out.append("php_admin_flag[log_errors] = on\n");
        if (sessions == null) {
            out.append("php_value[session.save_handler] = files\n")
                    .append("php_value[session.save_path] = \"").append(sessionDirectory()).append("\"\n");
        } else {
            out.append("php_value[session.save_handler] = memcached\n")
                    .append("php_value[session.save_path] = \"").append(sessions.savePath()).append("\"\n");
        }
        return out.toString();
    }
}

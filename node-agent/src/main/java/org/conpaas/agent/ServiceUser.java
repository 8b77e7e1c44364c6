package org.conpaas.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unprivileged user the service's code runs as when it is not the agent's own (a container or
 * VM node: {@code conpaas-tenant}), with its home, the only directory it may write. The agent starts
 * the code through {@code setpriv} with that user and group, no supplementary groups, no
 * capabilities (inheritable and ambient cleared, so nothing survives the exec) and no new
 * privileges: the code cannot read the agent's work directory (key, certificate, WireGuard key)
 * nor signal the agent. On the local cloud there is no such setting: each node already is a user
 * of its own and the agent does not switch.
 */
record ServiceUser(int uid, int gid, Path home) {

    static Optional<ServiceUser> from(Map<String, String> values) throws SettingsException {
        String user = values.get("service-user");
        String home = values.get("service-home");
        if (user == null || user.isEmpty()) {
            if (home != null && !home.isEmpty()) {
                throw new SettingsException("setting service-home needs service-user (uid:gid)");
            }
            return Optional.empty();
        }
        if (!user.matches("[0-9]{1,9}:[0-9]{1,9}")) {
            throw new SettingsException("setting service-user must be uid:gid (numbers), was '" + AgentSettings.abbreviate(user) + "'");
        }
        int uid = Integer.parseInt(user.substring(0, user.indexOf(':')));
        int gid = Integer.parseInt(user.substring(user.indexOf(':') + 1));
        if (uid == 0 || gid == 0) {
            throw new SettingsException("setting service-user must not be root (uid or gid 0), was '" + user + "'");
        }
        if (home == null || home.isEmpty() || !home.startsWith("/")) {
            throw new SettingsException("setting service-home (an absolute path the service's user owns) is required with service-user");
        }
        return Optional.of(new ServiceUser(uid, gid, Path.of(home).normalize()));
    }

    /** {@code command} run as this user, with nothing of the agent's privileges. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new java.util.ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                "--inh-caps=-all", "--ambient-caps=-all", "--no-new-privs", "--"));
        wrapped.addAll(command);
        return wrapped;
    }
}

package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.SystemCommand;
import org.conpaas.provisioning.cloud.CloudException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The unprivileged system user each local node runs as when provisioning-service runs as root:
 * created on demand ({@code useradd --system}, no login shell, no home made), named after the node
 * ({@code cpn} + 12 hex digits of its id's SHA-256), and deleted with the node. One lock for every
 * change, since useradd and userdel each lock /etc/passwd and fail rather than wait.
 */
final class NodeUsers {

    private static final Object PASSWD = new Object();

    record NodeUser(String name, int uid, int gid) {
    }

    static boolean isolationAvailable() {
        return "root".equals(System.getProperty("user.name"))
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/useradd"))
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/setpriv"));
    }

    static String nameOf(String instanceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
            return "cpn" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's user, created when missing, whose primary group is {@code group} (the fence's) or, when null, its own. */
    static NodeUser ensure(String name, java.nio.file.Path home, String group) {
        synchronized (PASSWD) {
            if (SystemCommand.run(List.of("id", "-u", name)).exit() != 0) {
                SystemCommand.Result added = SystemCommand.run(List.of("/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", home.toString(),
                        "--shell", "/usr/sbin/nologin", group == null ? "--user-group" : "--gid=" + group, name));
                if (added.exit() != 0 && added.exit() != 9) {
                    throw new CloudException(CloudException.Reason.UNREACHABLE, null,
                            "could not create the node's user " + name + ": " + added.output());
                }
            }
            if (group != null && !group.equals(SystemCommand.run(List.of("id", "-gn", name)).output().trim())) {
                SystemCommand.run(List.of("/usr/sbin/usermod", "--gid=" + group, name));
            }
            return new NodeUser(name, Integer.parseInt(SystemCommand.run(List.of("id", "-u", name)).output().trim()),
                    Integer.parseInt(SystemCommand.run(List.of("id", "-g", name)).output().trim()));
        }
    }

    static void delete(String name) {
        synchronized (PASSWD) {
            if (SystemCommand.run(List.of("id", "-u", name)).exit() == 0) {
                SystemCommand.run(List.of("/usr/sbin/userdel", name));
            }
        }
    }

    /** SIGKILL to every process of the user, also those its code detached from the agent (setsid, double fork). */
    static void killAllOf(String name) {
        SystemCommand.run(List.of("pkill", "-KILL", "-u", name));
        for (int i = 0; i < 50 && SystemCommand.run(List.of("pgrep", "-u", name)).exit() == 0; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private NodeUsers() {
    }
}

package org.conpaas.nutshell;

import java.nio.file.Path;

/**
 * Where the nutshell's local nodes keep their own files. Run as root, each node runs as a user of
 * its own that can enter only its home, outside the data directory (which may sit in root's
 * private home); otherwise a node's files stay in its control directory {@code <data>/nodes/<instance>}.
 */
public final class LocalNodeHomes {

    private LocalNodeHomes() {
    }

    /** provisioning-service's {@code node-home} for the nutshell of {@code data}. */
    static Path root(Path data) {
        return Path.of("/var/lib/conpaas/nodes", deployment(data));
    }

    static String deployment(Path data) {
        return "nutshell-" + Integer.toHexString(data.toAbsolutePath().toString().hashCode());
    }

    /** The directory holding node {@code nodeId}'s certificate, keys, code and WireGuard files. */
    public static Path of(Path data, String nodeId) {
        boolean isolated = "root".equals(System.getProperty("user.name"));
        return isolated ? root(data).resolve("local-" + nodeId) : data.resolve("nodes").resolve("local-" + nodeId);
    }
}

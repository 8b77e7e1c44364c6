package org.conpaas.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The node's place in its service's WireGuard network: registers the node's public key (and
 * endpoint, when it has one) with the director once, then keeps
 * {@code <work-dir>/wireguard/wg-conpaas.conf} — the director's {@code wg-quick} configuration
 * with the node's private key added — in step with the application's nodes. With a
 * {@link WireGuardInterface} (setting {@code wireguard-interface}: container and VM nodes) it also
 * brings the interface up and keeps its peers in step; without one (the local cloud, where nodes
 * share the machine's network) the VPN address stays a label and only the file is kept.
 */
final class WireGuardNetwork {

    static final String CONFIG_FILE = "wg-conpaas.conf";
    private static final Logger LOG = Logger.getLogger(WireGuardNetwork.class.getName());
    private static final String PRIVATE_KEY_PLACEHOLDER = "# PrivateKey = ";

    private final DirectorClient director;
    private final Path directory;
    private final Optional<String> endpoint;
    private final Optional<WireGuardInterface> device;
    private WireGuardKeys keys;
    private boolean registered;
    private String written;

    WireGuardNetwork(DirectorClient director, Path workDir, Optional<String> endpoint, Optional<String> interfaceName) {
        this.director = director;
        this.directory = workDir.resolve("wireguard");
        this.endpoint = endpoint;
        this.device = interfaceName.map(name -> new WireGuardInterface(name, directory, Path.of("/run/wireguard")));
    }

    /** Registers the key if not done yet and rewrites the configuration when it changed. */
    synchronized void refresh() throws IOException, InterruptedException {
        if (keys == null) {
            keys = WireGuardKeys.inDirectory(directory);
        }
        if (!registered) {
            director.registerWireGuardKey(keys.publicKey(), endpoint.orElse(null));
            registered = true;
            LOG.info(() -> "WireGuard public key registered: " + keys.publicKey());
        }
        String config = withPrivateKey(director.wireGuardConfig(), keys.privateKey());
        if (!config.equals(written)) {
            NodeCredentials.writeAtomically(directory.resolve(CONFIG_FILE), config);
            Files.setPosixFilePermissions(directory.resolve(CONFIG_FILE), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            written = null;
            if (device.isPresent()) {
                device.get().apply(config);
            }
            written = config;
            long peers = config.lines().filter(l -> l.strip().equals("[Peer]")).count();
            LOG.info(() -> "WireGuard configuration written: " + peers + " peer(s)");
        }
    }

    /** Takes the interface down, if the agent brought one up. */
    synchronized void stop() {
        device.ifPresent(WireGuardInterface::stop);
    }

    /** The director's configuration with the node's own key in place of its placeholder line. */
    static String withPrivateKey(String config, String privateKey) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean placed = false;
        for (String line : config.lines().toList()) {
            if (!placed && line.startsWith(PRIVATE_KEY_PLACEHOLDER)) {
                out.append("PrivateKey = ").append(privateKey).append('\n');
                placed = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!placed) {
            throw new IOException("the director's WireGuard configuration has no PrivateKey placeholder");
        }
        return out.toString();
    }
}

package org.conpaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node's WireGuard interface, in user space: {@code wireguard-go} (a child of the agent, so it
 * ends with it) makes the interface, {@code wg setconf} gives it the key and peers, {@code ip} the
 * node's VPN address; later configurations replace the peers with {@code wg syncconf}. Needs
 * CAP_NET_ADMIN (the container's agent holds it as an ambient capability), {@code /dev/net/tun} and
 * a writable {@code /run/wireguard} for wireguard-go's control socket.
 */
final class WireGuardInterface {

    private static final Logger LOG = Logger.getLogger(WireGuardInterface.class.getName());
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(10);
    /** the [Interface] and [Peer] keys {@code wg} understands; wg-quick's (Address, DNS, MTU, …) are applied here or not at all */
    private static final Set<String> WG_KEYS = Set.of("privatekey", "listenport", "fwmark", "publickey", "presharedkey",
            "allowedips", "endpoint", "persistentkeepalive");

    private final String name;
    private final Path directory;
    private final Path socket;
    private Process daemon;
    private String address;

    WireGuardInterface(String name, Path directory, Path socketDirectory) {
        this.name = name;
        this.directory = directory;
        this.socket = socketDirectory.resolve(name + ".sock");
    }

    /** Brings the interface up with {@code config} (wg-quick format, PrivateKey in place), or updates its peers. */
    synchronized void apply(String config) throws IOException, InterruptedException {
        Path file = directory.resolve("wg-setconf.conf");
        NodeCredentials.writeAtomically(file, forWg(config));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        if (daemon == null || !daemon.isAlive()) {
            start();
            run("wg", "setconf", name, file.toString());
            address = interfaceAddress(config);
            run("ip", "address", "add", address, "dev", name);
            run("ip", "link", "set", name, "up");
            LOG.info(() -> "WireGuard interface " + name + " up with " + address);
        } else {
            run("wg", "syncconf", name, file.toString());
        }
    }

    private void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("wireguard-go", "--foreground", name).redirectErrorStream(true)
                .redirectOutput(directory.resolve("wireguard-go.log").toFile());
        builder.environment().put("WG_PROCESS_FOREGROUND", "1");
        daemon = builder.start();
        long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
        while (!Files.exists(socket)) {
            if (!daemon.isAlive()) {
                throw new IOException("wireguard-go exited with code " + daemon.exitValue() + ": "
                        + lastLine(Files.readString(directory.resolve("wireguard-go.log"))));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("wireguard-go made no control socket " + socket + " within " + SOCKET_WAIT.toSeconds() + " s");
            }
            daemon.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends wireguard-go; the interface goes with it. */
    synchronized void stop() {
        if (daemon != null) {
            daemon.destroy();
            try {
                if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                daemon.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            daemon = null;
            LOG.info(() -> "WireGuard interface " + name + " down");
        }
    }

    /** The configuration without wg-quick's own keys, as {@code wg setconf} reads it. */
    static String forWg(String config) {
        StringBuilder out = new StringBuilder();
        for (String line : config.lines().toList()) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("[")
                    || equals > 0 && WG_KEYS.contains(trimmed.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT))) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The {@code Address} of the [Interface] section, e.g. {@code 172.16.0.2/12}. */
    static String interfaceAddress(String config) throws IOException {
        for (String line : config.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[Peer]")) {
                break;
            }
            if (trimmed.matches("(?i)address\\s*=\\s*[0-9.]+/[0-9]{1,2}")) {
                return trimmed.substring(trimmed.indexOf('=') + 1).strip();
            }
        }
        throw new IOException("the WireGuard configuration has no IPv4 Address line in its [Interface] section");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 30 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit code " + process.exitValue() + "): " + lastLine(output));
        }
    }

    private static String lastLine(String output) {
        List<String> lines = new ArrayList<>(output.strip().lines().toList());
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }
}

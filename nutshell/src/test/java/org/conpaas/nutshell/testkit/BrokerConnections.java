package org.conpaas.nutshell.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The AMQP connections one process holds to the machine's RabbitMQ, and cutting them from the
 * broker's side with {@code rabbitmqctl close_connection} — what a broker restart, a network
 * blip or a firewall does to a client, without touching any other client of the broker. A
 * process's connections are found by its sockets: the local ports of its TCP sockets to the
 * broker's port ({@code /proc/<pid>/fd} and {@code /proc/net/tcp*}) are the peer ports the broker
 * lists.
 */
public final class BrokerConnections {

    private static final int AMQP_PORT = Integer.parseInt(System.getenv().getOrDefault("CONPAAS_TEST_AMQP_PORT", "5672"));

    private BrokerConnections() {
    }

    /** The local ports of the process's established TCP connections to the broker. */
    public static Set<Integer> localPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode (field 9); 01 = ESTABLISHED
                int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                if (remotePort == AMQP_PORT && f[3].equals("01") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** Closes, from the broker's side, every connection the process holds; returns how many were closed. */
    public static int close(long pid, String reason) throws IOException, InterruptedException {
        Set<Integer> ports = localPorts(pid);
        int closed = 0;
        for (String line : rabbitmqctl("list_connections", "pid", "peer_port").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("\\d+") && ports.contains(Integer.parseInt(f[1]))) {
                rabbitmqctl("close_connection", f[0], reason);
                closed++;
            }
        }
        return closed;
    }

    private static String rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (needs the machine's rabbitmqctl): " + out);
        }
        return out;
    }
}

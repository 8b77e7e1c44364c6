package org.conpaas.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's WireGuard keys and configuration, checked by Debian's wireguard-tools (wg, wg-quick). */
class WireGuardKeysTest {

    @TempDir
    Path dir;

    @Test
    void wgDerivesTheSamePublicKeyFromThePrivateKeyTheAgentMade() throws Exception {
        for (int i = 0; i < 5; i++) {
            WireGuardKeys keys = WireGuardKeys.generate();
            assertEquals(keys.publicKey(), run(keys.privateKey(), "wg", "pubkey"));
        }
    }

    @Test
    void thePrivateKeyIsKeptOwnerOnlyAndTheSamePairComesBackAfterARestart() throws Exception {
        WireGuardKeys first = WireGuardKeys.inDirectory(dir.resolve("wireguard"));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("wireguard").resolve("private.key"))));
        assertEquals(first, WireGuardKeys.inDirectory(dir.resolve("wireguard")));
    }

    @Test
    void theDirectorsConfigurationGetsTheNodesOwnKeyAndWgQuickAcceptsIt() throws Exception {
        WireGuardKeys keys = WireGuardKeys.generate();
        String peer = WireGuardKeys.generate().publicKey();
        String fromDirector = """
                [Interface]
                # PrivateKey = <the node's own key: it never leaves the node>
                Address = 172.16.0.1/17
                ListenPort = 51820
                # ConPaaS-Bootstrap = udp://boot.example.org:4000

                [Peer]
                # node n2
                PublicKey = %s
                AllowedIPs = 172.16.0.2/32
                """.formatted(peer);
        String config = WireGuardNetwork.withPrivateKey(fromDirector, keys.privateKey());
        assertTrue(config.contains("PrivateKey = " + keys.privateKey() + "\n"), config);
        assertFalse(config.contains("# PrivateKey"), config);
        Path file = dir.resolve("wg-conpaas.conf");
        Files.writeString(file, config);
        String stripped = run(null, "wg-quick", "strip", file.toString());
        for (String expected : new String[]{"PrivateKey = " + keys.privateKey(), "PublicKey = " + peer, "AllowedIPs = 172.16.0.2/32"}) {
            assertTrue(stripped.contains(expected), stripped);
        }
        assertFalse(stripped.contains("Address"), "wg-quick strip keeps only what wg itself reads: " + stripped);
        IOException refused = assertThrows(IOException.class,
                () -> WireGuardNetwork.withPrivateKey("[Interface]\nAddress = 172.16.0.1/17\n", keys.privateKey()));
        assertTrue(refused.getMessage().contains("no PrivateKey placeholder"));
    }

    private static String run(String stdin, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed by this test: apt-get install wireguard-tools (.ci/run does)", e);
        }
        if (stdin != null) {
            process.getOutputStream().write((stdin + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}

package org.conpaas.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WireGuardInterfaceTest {

    private static final String CONFIG = """
            [Interface]
            PrivateKey = cGVlci1rZXktYS1wcml2YXRlLWtleS1wbGFjZWhvbGRlcj0=
            Address = 172.16.0.2/12
            ListenPort = 51820
            # ConPaaS-Bootstrap = udp://10.0.0.1:51820

            [Peer]
            # node n-2
            PublicKey = cGVlci1rZXktYi1wdWJsaWMta2V5LXBsYWNlaG9sZGVyPT0=
            AllowedIPs = 172.16.0.3/32
            Endpoint = 10.213.0.3:51820
            PersistentKeepalive = 25
            """;

    @Test
    void wgGetsTheKeyPortAndPeersButNotWgQuicksAddress() {
        String forWg = WireGuardInterface.forWg(CONFIG);

        assertEquals(CONFIG.replace("Address = 172.16.0.2/12\n", ""), forWg);
    }

    @Test
    void theAddressIsTheInterfaceSectionsAndMustBeThere() throws IOException {
        assertEquals("172.16.0.2/12", WireGuardInterface.interfaceAddress(CONFIG));
        IOException e = assertThrows(IOException.class,
                () -> WireGuardInterface.interfaceAddress("[Interface]\nListenPort = 51820\n[Peer]\nAddress = 172.16.0.9/12\n"));
        assertEquals("the WireGuard configuration has no IPv4 Address line in its [Interface] section", e.getMessage());
    }
}

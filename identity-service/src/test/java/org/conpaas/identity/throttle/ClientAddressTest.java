package org.conpaas.identity.throttle;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the gateway's X-Forwarded-For is believed, and only its last entry. */
class ClientAddressTest {

    private static final List<String> GATEWAY = List.of("127.0.0.1");

    private static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void theGatewaysLastForwardedEntryIsTheClient() {
        assertThat(ClientAddress.of(from("127.0.0.1", "6.6.6.6, 198.51.100.4"), GATEWAY)).isEqualTo("198.51.100.4");
        assertThat(ClientAddress.of(from("127.0.0.1", "2001:db8::1"), GATEWAY)).isEqualTo("2001:db8::1");
    }

    @Test
    void aTrustedNetworkIsGivenInCidrNotation() {
        List<String> compose = List.of("127.0.0.1", "172.16.0.0/12");
        assertThat(ClientAddress.of(from("172.18.0.5", "198.51.100.4"), compose)).isEqualTo("198.51.100.4");
        assertThat(ClientAddress.of(from("192.168.1.5", "198.51.100.4"), compose)).isEqualTo("192.168.1.5");
    }

    @Test
    void anotherPeersForwardingIsIgnored() {
        assertThat(ClientAddress.of(from("198.51.100.4", "127.0.0.1"), GATEWAY)).isEqualTo("198.51.100.4");
    }

    @Test
    void withoutAUsableForwardedEntryThePeerIsTheClient() {
        assertThat(ClientAddress.of(from("127.0.0.1", null), GATEWAY)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(from("127.0.0.1", "1.2.3.4, <script>"), GATEWAY)).isEqualTo("127.0.0.1");
    }
}

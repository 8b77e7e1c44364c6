package org.conpaas.identity.throttle;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a login comes from: the peer's address, unless the peer is a trusted proxy (the
 * gateway), whose X-Forwarded-For names the client last (the gateway appends the address it saw
 * to whatever the client sent, so only the last entry is the gateway's word).
 */
public final class ClientAddress {

    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** An exact address, or a network in CIDR notation (10.0.0.0/8): a compose network's gateway address is not known in advance. */
    private static boolean trusted(String proxy, String peer) {
        try {
            return proxy.equals(peer) || proxy.contains("/") && new IpAddressMatcher(proxy).matches(peer);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    public static String of(HttpServletRequest request, List<String> trustedProxies) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.stream().noneMatch(proxy -> trusted(proxy, peer))) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return ADDRESS.matcher(last).matches() ? last : peer;
    }
}

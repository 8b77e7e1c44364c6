package org.conpaas.cert.certificate;

import org.bouncycastle.asn1.x509.GeneralName;
import org.conpaas.kit.web.ApiException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host of the director's public URL: a DNS name (dNSName SAN) or an IP address literal
 * (iPAddress SAN). Never resolved: an address is recognised by its form alone.
 */
public record DirectorHost(String value) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static DirectorHost of(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("host is required: the host name or IP address of the public URL");
        }
        String host = text.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (isIpv4(host) || isIpv6(host)) {
            return new DirectorHost(host);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.length() > 253 || host.isEmpty() || !java.util.Arrays.stream(host.split("\\.", -1)).allMatch(l -> LABEL.matcher(l).matches())) {
            throw ApiException.invalid("host must be a DNS name or an IP address (no scheme, port or path), was '"
                    + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'");
        }
        return new DirectorHost(host);
    }

    public boolean isAddress() {
        return isIpv4(value) || isIpv6(value);
    }

    GeneralName generalName() {
        return new GeneralName(isAddress() ? GeneralName.iPAddress : GeneralName.dNSName, value);
    }

    private static boolean isIpv4(String host) {
        return IPV4.matcher(host).matches();
    }

    private static boolean isIpv6(String host) {
        if (!host.contains(":") || !host.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // a literal of hex digits and colons is parsed, never looked up
            return InetAddress.getByName(host) instanceof java.net.Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

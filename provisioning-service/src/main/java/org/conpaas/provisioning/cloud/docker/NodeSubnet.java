package org.conpaas.provisioning.cloud.docker;

import java.util.regex.Pattern;

/**
 * The IPv4 subnet of the bridge network nodes live on, {@code bits} being its address as a number.
 * Its first address is the bridge's gateway: the host itself as the nodes see it, where they reach
 * the director.
 */
record NodeSubnet(int bits, int prefix) {

    private static final Pattern DOTTED = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /** {@code a.b.c.d/n}, or null when the text is not one. */
    static NodeSubnet parse(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2 || !DOTTED.matcher(parts[0]).matches() || !parts[1].matches("[0-9]{1,2}")) {
            return null;
        }
        int bits = 0;
        for (String octet : parts[0].split("\\.")) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return null;
            }
            bits = bits << 8 | value;
        }
        int prefix = Integer.parseInt(parts[1]);
        return prefix > 32 ? null : new NodeSubnet(bits, prefix);
    }

    String cidr() {
        return toAddress(bits) + "/" + prefix;
    }

    String network() {
        return toAddress(bits & mask()) + "/" + prefix;
    }

    boolean isNetworkAddress() {
        return (bits & ~mask()) == 0;
    }

    /** 10/8, 172.16/12 or 192.168/16: addresses that are never routed on the internet */
    boolean isPrivate() {
        int first = bits >>> 24;
        int second = bits >>> 16 & 0xff;
        return first == 10 && prefix >= 8 || first == 172 && (second & 0xf0) == 16 && prefix >= 12
                || first == 192 && second == 168 && prefix >= 16;
    }

    /** The bridge's own address, the first of the subnet. */
    String gateway() {
        return toAddress((bits & mask()) + 1);
    }

    boolean contains(String ip) {
        NodeSubnet other = ip == null ? null : parse(ip + "/32");
        return other != null && (other.bits & mask()) == (bits & mask());
    }

    private int mask() {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static String toAddress(int bits) {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (bits & 0xff);
    }
}

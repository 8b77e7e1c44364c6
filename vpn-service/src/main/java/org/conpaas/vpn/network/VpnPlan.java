package org.conpaas.vpn.network;

/**
 * The shape of an application's network, by the documented ConPaaS rules: each application has
 * the whole base network as its own isolated overlay, cut into {@code 2^serviceBits} service
 * subnets of {@code 2^(32 - cidr - serviceBits) - 1} node addresses each (the subnet's first
 * address is reserved).
 */
public record VpnPlan(String baseNetwork, int cidr, int serviceBits) {

    public VpnPlan {
        long base = parse(baseNetwork, "base network");
        if (cidr < 1 || cidr > 30) {
            throw new IllegalArgumentException("netmask /" + cidr + " leaves no room for service subnets: use /1 to /30");
        }
        if ((base & ~mask(cidr) & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("base network " + baseNetwork + " has host bits set for netmask /" + cidr
                    + ": use " + format(base & mask(cidr)));
        }
        if (serviceBits < 0 || 32 - cidr - serviceBits < 1) {
            throw new IllegalArgumentException("service bits must be 0 to " + (31 - cidr) + " for netmask /" + cidr
                    + ", was " + serviceBits);
        }
    }

    public static VpnPlan of(String baseNetwork, String netmask, int serviceBits) {
        return new VpnPlan(baseNetwork, cidrOf(netmask), serviceBits);
    }

    public long servicesPerApplication() {
        return 1L << serviceBits;
    }

    public long agentsPerService() {
        return (1L << (32 - cidr - serviceBits)) - 1;
    }

    public int servicePrefix() {
        return cidr + serviceBits;
    }

    /** The service subnet with this index, e.g. 172.16.128.0/17 for index 1 of 172.16.0.0/12 with 5 bits. */
    public String subnet(int index) {
        checkIndex(index);
        return format(subnetBase(index)) + "/" + servicePrefix();
    }

    /** The node address at {@code offset} (1 .. agentsPerService) inside subnet {@code index}. */
    public String address(int index, int offset) {
        checkIndex(index);
        if (offset < 1 || offset > agentsPerService()) {
            throw new IllegalArgumentException("address offset " + offset + " outside 1.." + agentsPerService());
        }
        return format(subnetBase(index) + offset);
    }

    private long subnetBase(int index) {
        return parse(baseNetwork, "base network") + ((long) index << (32 - servicePrefix()));
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= servicesPerApplication()) {
            throw new IllegalArgumentException("subnet index " + index + " outside 0.." + (servicesPerApplication() - 1));
        }
    }

    public String network() {
        return baseNetwork + "/" + cidr;
    }

    static int cidrOf(String netmask) {
        long mask = parse(netmask, "netmask");
        int cidr = Long.bitCount(mask);
        if (mask != mask(cidr)) {
            throw new IllegalArgumentException("netmask " + netmask + " is not contiguous (like 255.240.0.0)");
        }
        return cidr;
    }

    private static long mask(int cidr) {
        return cidr == 0 ? 0 : (0xFFFFFFFFL << (32 - cidr)) & 0xFFFFFFFFL;
    }

    static long parse(String dotted, String what) {
        String[] parts = dotted == null ? new String[0] : dotted.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(what + " '" + dotted + "' is not an IPv4 address like 172.16.0.0");
        }
        long value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + dotted + "' is not an IPv4 address like 172.16.0.0");
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException(what + " '" + dotted + "' has an octet out of 0..255");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }
}

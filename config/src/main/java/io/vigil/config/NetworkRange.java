package io.vigil.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR block such as 10.20.0.0/24 or ::1/128. */
public record NetworkRange(byte[] network, int prefixLength, String text) {

    public static NetworkRange parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!addr.matches("[0-9a-fA-F:.]+")) {
            throw new ConfigValueException("config.notNetwork", "value", cidr);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new ConfigValueException("config.notNetwork", "value", cidr);
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new ConfigValueException("config.prefixNotNumber", "value", cidr);
        }
        if (prefix < 0 || prefix > max) {
            throw new ConfigValueException("config.prefixRange", "value", cidr, "max", max);
        }
        return new NetworkRange(bytes, prefix, s);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) return false;
        int full = prefixLength / 8, rest = prefixLength % 8;
        for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}

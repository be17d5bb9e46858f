package io.accesshub.adapter.http.proxy;

import java.net.InetAddress;
import java.util.Arrays;

/** One address or CIDR block ({@code 10.0.0.7}, {@code 10.0.0.0/8}, {@code fd00::/8}) of trusted proxies. */
record AddressRange(byte[] network, int prefixLength) {

    /**
     * Parses an address or CIDR block.
     *
     * @throws IllegalArgumentException when it is neither (host names are refused: no DNS at startup)
     */
    static AddressRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = IpLiterals.parse(slash < 0 ? trimmed : trimmed.substring(0, slash))
            .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
        }
        return new AddressRange(address.getAddress(), prefix);
    }

    /** Whether the address lies in this range (an IPv4 address never lies in an IPv6 range, nor the reverse). */
    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(candidate, 0, fullBytes, network, 0, fullBytes)) {
            return false;
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - remainingBits) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength
            && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefixLength;
    }
}

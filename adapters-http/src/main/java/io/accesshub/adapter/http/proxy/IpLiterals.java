package io.accesshub.adapter.http.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals, parsed without ever resolving a host name. */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](?::\\d{1,5})?");

    private IpLiterals() {
    }

    /**
     * The address written as {@code 1.2.3.4}, {@code 1.2.3.4:port}, {@code ::1}, {@code [::1]} or {@code [::1]:port}
     * (forms seen in {@code X-Forwarded-For}); empty for anything else, host names included.
     */
    static Optional<InetAddress> parse(String text) {
        String value = text.trim();
        java.util.regex.Matcher bracketed = BRACKETED_IPV6.matcher(value);
        java.util.regex.Matcher withPort = IPV4_WITH_PORT.matcher(value);
        String literal;
        if (withPort.matches()) {
            literal = withPort.group(1);
        } else if (IPV4.matcher(value).matches() || (IPV6.matcher(value).matches() && value.contains(":"))) {
            literal = value;
        } else if (bracketed.matches()) {
            literal = bracketed.group(1);
        } else {
            return Optional.empty();
        }
        if (!literal.contains(":")) {
            for (String part : literal.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // A literal of digits, dots and colons only: InetAddress parses it and never asks DNS.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes", e);
        }
    }
}

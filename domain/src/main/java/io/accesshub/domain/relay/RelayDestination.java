package io.accesshub.domain.relay;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where events may be delivered: {@code https} URLs, or {@code http} for hosts on the operator's allow-list; no
 * credentials in the URL; and never to a loopback, private, link-local or otherwise internal address unless the host
 * is allow-listed. The address check runs when a subscription is made and again before every delivery, on the
 * addresses the host resolves to then, so a DNS answer that changes later cannot reach internal services.
 *
 * @param allowedHosts host names or literal addresses, lower-case, that may use {@code http} and internal addresses
 */
public record RelayDestination(Set<String> allowedHosts) {

    private static final int MAX_URL_LENGTH = 2048;

    public RelayDestination {
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Why a URL or an address is refused. */
    public enum Refusal {
        /** Not an absolute http(s) URL with a host, or too long, or carrying credentials or a fragment. */
        MALFORMED,
        /** {@code http} to a host that is not allow-listed. */
        NOT_HTTPS,
        /** The host resolves to an internal address and is not allow-listed. */
        INTERNAL_ADDRESS,
        /** The host resolves to no address. */
        UNRESOLVED
    }

    /** Judges the URL's form: empty when it may be subscribed (its addresses are judged separately). */
    public Optional<Refusal> judgeUrl(String url) {
        Optional<URI> parsed = parse(url);
        if (parsed.isEmpty()) {
            return Optional.of(Refusal.MALFORMED);
        }
        URI uri = parsed.get();
        if ("http".equals(uri.getScheme()) && !isAllowListed(uri.getHost())) {
            return Optional.of(Refusal.NOT_HTTPS);
        }
        return Optional.empty();
    }

    /** Judges the addresses a URL's host resolves to now: empty when a delivery may go there. */
    public Optional<Refusal> judgeAddresses(String host, List<InetAddress> addresses) {
        Objects.requireNonNull(host, "host");
        if (addresses.isEmpty()) {
            return Optional.of(Refusal.UNRESOLVED);
        }
        if (isAllowListed(host)) {
            return Optional.empty();
        }
        return addresses.stream().anyMatch(RelayDestination::isInternal) ? Optional.of(Refusal.INTERNAL_ADDRESS)
            : Optional.empty();
    }

    /** The host of a URL that {@link #judgeUrl} accepts. */
    public static String hostOf(String url) {
        return parse(url).map(URI::getHost).orElseThrow(() -> new IllegalArgumentException("not a relay URL"));
    }

    private boolean isAllowListed(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return allowedHosts.contains(bare.toLowerCase(Locale.ROOT));
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("https") || scheme.equals("http");
            if (!web || !scheme.equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || !uri.isAbsolute()) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Loopback, wildcard, private (RFC 1918, IPv6 unique local), link-local, carrier-grade NAT or multicast. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
            || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            byte[] last4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
            if (isMappedIpv4(bytes) || isCompatibleIpv4(bytes) || isNat64WellKnown(bytes)) {
                return isInternalV4(last4);
            }
            // 6to4 (2002::/16) carries the IPv4 address in bytes 2-5
            if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
                return isInternalV4(new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]});
            }
            // local-use NAT64 (64:ff9b:1::/48) and Teredo (2001::/32) reach IPv4 hosts the check cannot see
            boolean localNat64 = startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01);
            boolean teredo = startsWith(bytes, 0x20, 0x01, 0x00, 0x00);
            return uniqueLocal || localNat64 || teredo;
        }
        return isInternalV4(bytes);
    }

    /** IPv4-compatible {@code ::a.b.c.d} (deprecated, still routed by some stacks). */
    private static boolean isCompatibleIpv4(byte[] bytes) {
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The well-known NAT64 prefix {@code 64:ff9b::/96}: the last four bytes are the IPv4 host reached. */
    private static boolean isNat64WellKnown(byte[] bytes) {
        if (!startsWith(bytes, 0x00, 0x64, 0xff, 0x9b)) {
            return false;
        }
        for (int i = 4; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static boolean isInternalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 10 || first == 127 || first == 169 && second == 254
            || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168
            || first == 100 && second >= 64 && second <= 127 || first >= 224;
    }
}

package io.accesshub.adapter.http.proxy;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxies ({@value #PROPERTY}, env {@code ACCESSHUB_TRUSTED_PROXIES}: addresses and CIDR blocks, comma separated,
 * none by default) whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} the hub believes. From any other peer
 * the socket address is the client and the connection's own scheme counts, so a client cannot pick the address its
 * rate limit is counted under. Built at startup: a malformed entry stops the hub.
 */
@Context
public class TrustedProxies {

    /** The configuration property. */
    public static final String PROPERTY = "accesshub.trusted-proxies";

    private final List<AddressRange> ranges;

    public TrustedProxies(@Value("${" + PROPERTY + ":}") String configured) {
        List<AddressRange> parsed = new ArrayList<>();
        for (String entry : configured.split(",")) {
            if (!entry.isBlank()) {
                try {
                    parsed.add(AddressRange.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(PROPERTY + " (ACCESSHUB_TRUSTED_PROXIES): " + e.getMessage()
                        + "; give IP addresses or CIDR blocks, comma separated");
                }
            }
        }
        this.ranges = List.copyOf(parsed);
    }

    /** Whether the peer is a trusted proxy. */
    public boolean trusts(InetAddress peer) {
        return ranges.stream().anyMatch(range -> range.contains(peer));
    }

    /** The address of the client behind any trusted proxies. */
    public InetAddress clientAddress(HttpRequest<?> request) {
        return clientAddress(request.getRemoteAddress().getAddress(), request.getHeaders().getAll("X-Forwarded-For"));
    }

    /**
     * The client address: walking {@code X-Forwarded-For} from the right (each proxy appends the peer it saw), the
     * first hop that is not a trusted proxy; the peer itself when it is not trusted. An entry that is not an IP
     * literal ends the walk at the last trusted hop.
     */
    InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
        InetAddress current = peer;
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && trusts(current); i--) {
            Optional<InetAddress> hop = IpLiterals.parse(hops.get(i));
            if (hop.isEmpty()) {
                return current;
            }
            current = hop.get();
        }
        return current;
    }

    /** Whether the client reached the hub over HTTPS: the connection's scheme, or a trusted proxy's word for it. */
    public boolean isHttps(HttpRequest<?> request) {
        return isHttps(request.isSecure(), request.getRemoteAddress().getAddress(),
            request.getHeaders().getAll("X-Forwarded-Proto"));
    }

    /** The first (client-side) value of {@code X-Forwarded-Proto} counts, and only from a trusted proxy. */
    boolean isHttps(boolean secureConnection, InetAddress peer, List<String> forwardedProto) {
        if (secureConnection) {
            return true;
        }
        if (!trusts(peer)) {
            return false;
        }
        List<String> schemes = hops(forwardedProto);
        return !schemes.isEmpty() && schemes.get(0).toLowerCase(Locale.ROOT).equals("https");
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
        }
        return hops;
    }

    @Override
    public String toString() {
        return "TrustedProxies" + ranges;
    }
}

package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelayDestinationTest {

    private final RelayDestination destination = new RelayDestination(Set.of("127.0.0.1", "Receiver.Internal"));

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void httpsUrlsAreAcceptedAndHttpOnlyForAllowListedHosts() {
        assertThat(destination.judgeUrl("https://hooks.example.com/hub?x=1")).isEmpty();
        assertThat(destination.judgeUrl("http://hooks.example.com/hub")).contains(RelayDestination.Refusal.NOT_HTTPS);
        assertThat(destination.judgeUrl("http://127.0.0.1:8089/events")).isEmpty();
        assertThat(destination.judgeUrl("http://receiver.internal/events")).as("host names compare without case")
            .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hooks.example.com/x", "ftp://example.com/x", "https:///nohost",
        "https://user:pw@example.com/x", "https://example.com/x#frag", "HTTPS://example.com/x", "https://exa mple.com"})
    void malformedUrlsAreRefused(String url) {
        assertThat(destination.judgeUrl(url)).contains(RelayDestination.Refusal.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "::ffff:10.0.0.1",
        "::ffff:127.0.0.1", "::127.0.0.1", "::a9fe:a9fe", "64:ff9b::a00:5", "64:ff9b::7f00:1", "64:ff9b:1::5",
        "2002:a00:1::1", "2002:c0a8:101::1", "2001:0:4136:e378::1"})
    void internalAddressesAreRefusedForHostsNotAllowListed(String literal) throws Exception {
        assertThat(destination.judgeAddresses("hooks.example.com", List.of(ip(literal))))
            .contains(RelayDestination.Refusal.INTERNAL_ADDRESS);
    }

    @Test
    void publicAddressesAreAcceptedAndOneInternalAmongThemRefusesTheHost() throws Exception {
        assertThat(destination.judgeAddresses("hooks.example.com", List.of(ip("93.184.216.34")))).isEmpty();
        assertThat(destination.judgeAddresses("hooks.example.com", List.of(ip("2606:2800:220:1::1")))).isEmpty();
        assertThat(destination.judgeAddresses("hooks.example.com", List.of(ip("93.184.216.34"), ip("10.0.0.5"))))
            .contains(RelayDestination.Refusal.INTERNAL_ADDRESS);
        assertThat(destination.judgeAddresses("172.15.0.1", List.of(ip("172.15.0.1")))).isEmpty();
        assertThat(destination.judgeAddresses("hooks.example.com", List.of(ip("64:ff9b::5db8:d822"))))
            .as("NAT64 to a public IPv4 host").isEmpty();
        assertThat(destination.judgeAddresses("hooks.example.com", List.of(ip("2002:5db8:d822::1"))))
            .as("6to4 of a public IPv4 host").isEmpty();
    }

    @Test
    void allowListedHostsMayResolveToInternalAddressesButEveryHostMustResolve() throws Exception {
        assertThat(destination.judgeAddresses("127.0.0.1", List.of(ip("127.0.0.1")))).isEmpty();
        assertThat(destination.judgeAddresses("hooks.example.com", List.of()))
            .contains(RelayDestination.Refusal.UNRESOLVED);
    }
}

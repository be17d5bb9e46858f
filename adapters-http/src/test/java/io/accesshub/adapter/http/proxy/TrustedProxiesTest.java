package io.accesshub.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }

    @ParameterizedTest(name = "trusted {0}, peer {1}, X-Forwarded-For [{2}] -> {3}")
    @CsvSource(delimiter = '|', value = {
        // no proxy trusted: the socket address, whatever the header says
        "''                      | 203.0.113.9 | 198.51.100.1                      | 203.0.113.9",
        // a trusted proxy: the hop it appended
        "10.0.0.0/8              | 10.1.2.3    | 198.51.100.1                      | 198.51.100.1",
        // a client's forged entries left of the real one are ignored
        "10.0.0.0/8              | 10.1.2.3    | 1.1.1.1, 2.2.2.2, 198.51.100.1    | 198.51.100.1",
        // two trusted proxies in a row: the first untrusted hop from the right
        "10.0.0.0/8, 192.0.2.7   | 10.1.2.3    | 198.51.100.1, 192.0.2.7           | 198.51.100.1",
        // an untrusted peer's header is not believed
        "10.0.0.0/8              | 203.0.113.9 | 198.51.100.1                      | 203.0.113.9",
        // the trusted proxy sent no header: the proxy is the client
        "10.0.0.0/8              | 10.1.2.3    | ''                                | 10.1.2.3",
        // only trusted hops: the leftmost one
        "10.0.0.0/8              | 10.1.2.3    | 10.9.9.9                          | 10.9.9.9",
        // a hop that is not an address stops the walk at the last trusted hop
        "10.0.0.0/8              | 10.1.2.3    | unknown                           | 10.1.2.3",
        "10.0.0.0/8              | 10.1.2.3    | evil.example.com                  | 10.1.2.3",
        // ports and IPv6 forms
        "10.0.0.0/8              | 10.1.2.3    | 198.51.100.1:4711                 | 198.51.100.1",
        "fd00::/8                | fd00::1     | [2001:db8::5]:443                 | 2001:db8::5",
        "fd00::/8                | fd00::1     | 2001:db8::5                       | 2001:db8::5",
        "127.0.0.1               | 127.0.0.1   | 198.51.100.1                      | 198.51.100.1",
    })
    void theClientIsTheFirstUntrustedHopFromTheRight(String trusted, String peer, String forwardedFor,
                                                     String expected) {
        TrustedProxies proxies = new TrustedProxies(trusted);

        assertThat(proxies.clientAddress(ip(peer), forwardedFor.isEmpty() ? List.of() : List.of(forwardedFor)))
            .isEqualTo(ip(expected));
    }

    @Test
    void severalHeaderLinesCountAsOneListInOrder() {
        TrustedProxies proxies = new TrustedProxies("10.0.0.0/8");

        assertThat(proxies.clientAddress(ip("10.0.0.1"), List.of("1.1.1.1", "198.51.100.1, 10.0.0.2")))
            .isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void httpsIsTheConnectionsOwnOrWhatATrustedProxySays() {
        TrustedProxies proxies = new TrustedProxies("10.0.0.0/8");

        assertThat(proxies.isHttps(true, ip("203.0.113.9"), List.of())).isTrue();
        assertThat(proxies.isHttps(false, ip("10.0.0.1"), List.of("https"))).isTrue();
        assertThat(proxies.isHttps(false, ip("10.0.0.1"), List.of("HTTPS, http"))).isTrue();
        assertThat(proxies.isHttps(false, ip("10.0.0.1"), List.of("http"))).isFalse();
        assertThat(proxies.isHttps(false, ip("10.0.0.1"), List.of())).isFalse();
        assertThat(proxies.isHttps(false, ip("203.0.113.9"), List.of("https"))).as("untrusted peer").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8     | 10.255.255.255 | true",
        "10.0.0.0/8     | 11.0.0.0       | false",
        "192.168.4.0/22 | 192.168.7.1    | true",
        "192.168.4.0/22 | 192.168.8.1    | false",
        "0.0.0.0/0      | 8.8.8.8        | true",
        "0.0.0.0/0      | ::1            | false",
        "2001:db8::/32  | 2001:db8:ffff::1 | true",
        "2001:db8::/32  | 2001:db9::1    | false",
        "::1            | ::1            | true",
    })
    void rangesContainTheirAddresses(String range, String address, boolean contained) {
        assertThat(AddressRange.parse(range).contains(ip(address))).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0/8", "256.1.1.1", "10.0.0.0/x", "::1/129"})
    void aMalformedEntryStopsTheHubWithAClearMessage(String entry) {
        assertThatThrownBy(() -> new TrustedProxies("10.0.0.1, " + entry))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("ACCESSHUB_TRUSTED_PROXIES").hasMessageContaining(entry.split("/")[0]);
    }

    @Test
    void nothingConfiguredTrustsNobody() {
        TrustedProxies proxies = new TrustedProxies("");

        assertThat(proxies.trusts(ip("127.0.0.1"))).isFalse();
        assertThat(proxies.trusts(ip("10.0.0.1"))).isFalse();
    }
}

package io.accesshub.domain.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenDigestTest {

    private static final AccessToken TOKEN = AccessToken.of("eyJhbGciOi.some-access-token");

    private static String sha256Hex(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDigestOfATokenIsTheSha256OfItsUtf8Bytes() throws Exception {
        assertThat(AccessTokenDigest.of(TOKEN).hex()).isEqualTo(sha256Hex(TOKEN.value()));
    }

    @Test
    void aReportedDigestMatchesTheTokenItWasTakenFromInEitherCase() throws Exception {
        String hex = sha256Hex(TOKEN.value());

        assertThat(AccessTokenDigest.parse(hex).orElseThrow().matches(TOKEN)).isTrue();
        assertThat(AccessTokenDigest.parse(hex.toUpperCase()).orElseThrow().matches(TOKEN)).isTrue();
    }

    @Test
    void aDigestDoesNotMatchAnotherToken() {
        assertThat(AccessTokenDigest.of(TOKEN).matches(AccessToken.of("another-token"))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc", "zz00000000000000000000000000000000000000000000000000000000000000",
        "00000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000 ",
        "eyJhbGciOi.some-access-token"})
    void anythingButSixtyFourHexDigitsIsNoDigest(String text) {
        assertThat(AccessTokenDigest.parse(text)).isEmpty();
    }

    @Test
    void theConstructorRefusesWhatParseRefuses() {
        assertThatThrownBy(() -> new AccessTokenDigest("ABC")).isInstanceOf(DomainException.class);
    }
}

package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRedactionTest {

    private static final String ACCESS = "eyJhbGciOiJSUzI1NiJ9.secret-access-value";
    private static final String REFRESH = "eyJhbGciOiJSUzI1NiJ9.secret-refresh-value";

    @Test
    void tokensNeverPrintTheirValue() {
        assertThat(AccessToken.of(ACCESS)).hasToString("AccessToken[redacted]");
        assertThat(RefreshToken.of(REFRESH)).hasToString("RefreshToken[redacted]");
        assertThat(AccessToken.of(ACCESS).value()).isEqualTo(ACCESS);
    }

    @Test
    void grantsAndIssuedPairsNeverPrintTheirTokens() {
        IssuedTokens pair = IssuedTokens.of(AccessToken.of(ACCESS), NOW.plusSeconds(86_399), RefreshToken.of(REFRESH),
                Scopes.parse("oauth.write"), NOW);
        Grant grant = Grant.create(installationId(1), GrantSource.DIRECT_INSTALL, pair);

        assertThat(pair.toString()).doesNotContain(ACCESS).doesNotContain(REFRESH).contains("present");
        assertThat(grant.toString()).doesNotContain(ACCESS).doesNotContain(REFRESH).contains("oauth.write");
        assertThat(java.util.Optional.of(RefreshToken.of(REFRESH)).toString()).doesNotContain(REFRESH);
    }

    @Test
    void blankTokensAreRefused() {
        assertThatThrownBy(() -> AccessToken.of(" ")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> RefreshToken.of("")).isInstanceOf(DomainException.class);
    }

    @Test
    void aPairMustExpireAfterItWasIssued() {
        Instant issued = NOW;
        assertThatThrownBy(() -> IssuedTokens.withoutRefreshToken(AccessToken.of("a"), issued, Scopes.none(), issued))
                .isInstanceOf(DomainException.class);
    }
}

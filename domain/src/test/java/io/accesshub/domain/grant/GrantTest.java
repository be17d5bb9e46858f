package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.grant;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static io.accesshub.domain.testing.DomainFixtures.pairIssuedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantTest {

    private final Grant issued = grant(installationId(1), NOW.minus(Duration.ofHours(23)), "contacts.readonly");

    @Test
    void aNewGrantHoldsTheIssuedPairAndNoRefreshHistory() {
        IssuedTokens pair = pairIssuedAt(NOW, "oauth.write");
        Grant grant = Grant.create(installationId(7), GrantSource.MINTED_FROM_COMPANY, pair);

        assertThat(grant.accessToken()).isEqualTo(pair.accessToken());
        assertThat(grant.refreshToken()).isEqualTo(pair.refreshToken());
        assertThat(grant.accessTokenExpiresAt()).isEqualTo(pair.accessTokenExpiresAt());
        assertThat(grant.issuedAt()).isEqualTo(NOW);
        assertThat(grant.source()).isEqualTo(GrantSource.MINTED_FROM_COMPANY);
        assertThat(grant.bookkeeping()).isEqualTo(RefreshBookkeeping.none());
        assertThat(grant.version()).isZero();
    }

    @Test
    void rotatingReplacesThePairKeepsTheSourceAndResetsFailures() {
        Grant failing = Grant.rehydrate(issued.installationId(), issued.source(), issued.accessToken(),
                issued.accessTokenExpiresAt(), issued.refreshToken(), issued.issuedAt(), issued.scopes(),
                new RefreshBookkeeping(Optional.empty(), Optional.of(NOW.minusSeconds(30)), 2, 3L), issued.version());
        IssuedTokens newPair = pairIssuedAt(NOW, "contacts.readonly contacts.write");

        Grant rotated = failing.rotate(newPair);

        assertThat(rotated.accessToken()).isEqualTo(newPair.accessToken());
        assertThat(rotated.refreshToken()).isEqualTo(newPair.refreshToken());
        assertThat(rotated.scopes()).isEqualTo(newPair.scopes());
        assertThat(rotated.source()).isEqualTo(GrantSource.DIRECT_INSTALL);
        assertThat(rotated.bookkeeping().consecutiveFailures()).isZero();
        assertThat(rotated.bookkeeping().lastRefreshedAt()).contains(NOW);
        assertThat(rotated.version()).isEqualTo(issued.version());
    }

    @Test
    void remintingMakesTheGrantMintedAndMayDropTheRefreshToken() {
        IssuedTokens minted = IssuedTokens.withoutRefreshToken(AccessToken.of("minted"), NOW.plusSeconds(86_399),
                io.accesshub.domain.grant.Scopes.parse("contacts.readonly"), NOW);

        Grant reminted = issued.remint(minted);

        assertThat(reminted.source()).isEqualTo(GrantSource.MINTED_FROM_COMPANY);
        assertThat(reminted.refreshToken()).isEmpty();
    }

    @Test
    void reissuingThroughANewInstallMakesTheGrantDirectAgain() {
        Grant minted = issued.remint(pairIssuedAt(NOW.minusSeconds(10), "a"));

        assertThat(minted.reissue(pairIssuedAt(NOW, "a")).source()).isEqualTo(GrantSource.DIRECT_INSTALL);
    }

    @Test
    void aPairStampedByAClockBehindTheCurrentOneStillReplacesItAtTheCurrentIssueTime() {
        IssuedTokens stampedEarlier = pairIssuedAt(issued.issuedAt().minusSeconds(5), "contacts.readonly");

        Grant rotated = issued.rotate(stampedEarlier);

        assertThat(rotated.accessToken()).isEqualTo(stampedEarlier.accessToken());
        assertThat(rotated.refreshToken()).isEqualTo(stampedEarlier.refreshToken());
        assertThat(rotated.issuedAt()).as("never moves backwards").isEqualTo(issued.issuedAt());
        assertThat(rotated.accessTokenExpiresAt()).isEqualTo(stampedEarlier.accessTokenExpiresAt());
    }

    @Test
    void theAccessTokenIsValidStrictlyBeforeItsExpiry() {
        assertThat(issued.accessTokenValidAt(issued.accessTokenExpiresAt().minusMillis(1))).isTrue();
        assertThat(issued.accessTokenValidAt(issued.accessTokenExpiresAt())).isFalse();
    }

    @Test
    void grantsWithTheSameStoredStateAreEqual() {
        Grant copy = Grant.rehydrate(issued.installationId(), issued.source(), issued.accessToken(),
                issued.accessTokenExpiresAt(), issued.refreshToken(), issued.issuedAt(), issued.scopes(),
                issued.bookkeeping(), issued.version());

        assertThat(copy).isEqualTo(issued).hasSameHashCodeAs(issued);
        assertThat(copy.rotate(pairIssuedAt(NOW, "x"))).isNotEqualTo(issued);
        assertThat(Optional.of(copy)).contains(issued);
    }

    @Test
    void bookkeepingRefusesNegativeCounters() {
        assertThatThrownBy(() -> new RefreshBookkeeping(Optional.empty(), Optional.empty(), -1, 0))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new RefreshBookkeeping(Optional.empty(), Optional.empty(), 0, -1))
                .isInstanceOf(DomainException.class);
    }
}

package io.accesshub.domain.grant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static io.accesshub.domain.testing.DomainFixtures.NOW;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static org.assertj.core.api.Assertions.assertThat;

class GrantPropertyTest {

    @Provide
    Arbitrary<String> scopeNames() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('.', '_', '-', '/').ofMinLength(1)
                .ofMaxLength(30);
    }

    @Property
    void theCanonicalFormOfScopesParsesBackToTheSameScopes(
            @ForAll @Size(max = 20) Set<@net.jqwik.api.From("scopeNames") String> names) {
        Scopes scopes = new Scopes(names.stream().map(Scope::of).collect(java.util.stream.Collectors.toSet()));

        assertThat(Scopes.parse(scopes.toString())).isEqualTo(scopes);
        assertThat(Scopes.parse(" \t" + String.join("  ", names) + " ")).isEqualTo(scopes);
        assertThat(scopes.covers(scopes)).isTrue();
    }

    @Property
    void aGrantIsDueExactlyFromItsDueInstantAndUsableOnlyBeforeExpiry(
            @ForAll @LongRange(min = -100_000, max = 100_000) long accessSecondsLeft,
            @ForAll @IntRange(min = 0, max = 400) int refreshTokenAgeDays,
            @ForAll boolean withRefreshToken,
            @ForAll @LongRange(min = -200_000, max = 200_000) long probeOffsetSeconds) {
        Instant expiresAt = NOW.plusSeconds(accessSecondsLeft);
        Instant issuedAt = NOW.minus(Duration.ofDays(refreshTokenAgeDays));
        if (!expiresAt.isAfter(issuedAt)) {
            issuedAt = expiresAt.minusSeconds(86_399);
        }
        Grant grant = Grant.rehydrate(installationId(1), GrantSource.DIRECT_INSTALL, AccessToken.of("a"), expiresAt,
                withRefreshToken ? Optional.of(RefreshToken.of("r")) : Optional.empty(), issuedAt, Scopes.none(),
                RefreshBookkeeping.none(), 0L);
        RefreshTiming timing = RefreshTiming.DEFAULT;
        Instant probe = NOW.plusSeconds(probeOffsetSeconds);

        RefreshAssessment assessment = timing.assess(grant, probe);

        assertThat(assessment.isDue()).isEqualTo(!probe.isBefore(timing.dueAt(grant)));
        if (timing.isUsableAt(grant, probe)) {
            assertThat(grant.accessTokenValidAt(probe)).isTrue();
        }
        if (!grant.accessTokenValidAt(probe)) {
            assertThat(assessment).isEqualTo(
                    new RefreshAssessment.Due(RefreshDue.ACCESS_TOKEN_EXPIRED, expiresAt.minus(Duration.ofMinutes(30))));
        }
    }
}

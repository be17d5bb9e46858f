package io.accesshub.application.port.out;

import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshBookkeeping;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.accesshub.application.testdata.GrantMother.aCompanyGrant;
import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.GrantMother.aMintedLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aCompanyInstallation;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link GrantRepository} must show; run against the in-memory fake and the real database.
 * Subclass it and implement {@link #newRepository()} and {@link #installationRepository()} (grants are stored
 * only for stored installations, so each test stores its installation first).
 *
 * <p>Tests use fresh identifiers and never assume an empty store.
 */
public abstract class GrantRepositoryContract {

    protected GrantRepository repository;
    protected InstallationRepository installations;

    /** The repository under test; called before each test. */
    protected abstract GrantRepository newRepository();

    /** The installation repository sharing the store with {@link #newRepository()}; called before each test. */
    protected abstract InstallationRepository installationRepository();

    @BeforeEach
    void setUpRepositories() {
        installations = installationRepository();
        repository = newRepository();
    }

    @Test
    void aStoredGrantIsFoundWithEveryField() {
        InstallationId installation = storedLocationInstallation();
        RefreshBookkeeping bookkeeping = new RefreshBookkeeping(
                Optional.of(Instant.parse("2026-11-21T09:00:00.654321Z")),
                Optional.of(Instant.parse("2026-11-22T08:59:00.000001Z")), 3, 42L);
        Grant grant = aLocationGrant().forInstallation(installation)
                .withAccessToken("access-" + TestIds.randomText(30))
                .withRefreshToken("refresh-" + TestIds.randomText(30))
                .issuedAt(Instant.parse("2026-11-21T09:00:00.654321Z"))
                .accessTokenExpiresAt(Instant.parse("2026-11-22T08:59:59.654321Z"))
                .withScopes("locations.readonly contacts.write contacts.readonly")
                .withBookkeeping(bookkeeping)
                .build();

        Grant added = repository.add(grant);

        assertThat(added).isEqualTo(grant);
        Grant found = repository.findByInstallationId(installation).orElseThrow();
        assertThat(found).isEqualTo(grant);
        assertThat(found.accessToken()).isEqualTo(grant.accessToken());
        assertThat(found.refreshToken()).isEqualTo(grant.refreshToken());
        assertThat(found.accessTokenExpiresAt()).isEqualTo(Instant.parse("2026-11-22T08:59:59.654321Z"));
        assertThat(found.issuedAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00.654321Z"));
        assertThat(found.scopes()).isEqualTo(Scopes.parse("contacts.readonly contacts.write locations.readonly"));
        assertThat(found.source()).isEqualTo(GrantSource.DIRECT_INSTALL);
        assertThat(found.bookkeeping()).isEqualTo(bookkeeping);
        assertThat(found.version()).isZero();
    }

    @Test
    void aMintedGrantWithoutRefreshTokenRoundTrips() {
        InstallationId installation = storedLocationInstallation();
        Grant grant = aMintedLocationGrant().forInstallation(installation).withoutRefreshToken().build();

        repository.add(grant);

        Grant found = repository.findByInstallationId(installation).orElseThrow();
        assertThat(found).isEqualTo(grant);
        assertThat(found.refreshToken()).isEmpty();
        assertThat(found.source()).isEqualTo(GrantSource.MINTED_FROM_COMPANY);
    }

    @Test
    void aCompanyGrantWithNoBookkeepingYetRoundTrips() {
        Installation company = installations.add(aCompanyInstallation().build());
        Grant grant = aCompanyGrant().forInstallation(company.id()).build();

        repository.add(grant);

        Grant found = repository.findByInstallationId(company.id()).orElseThrow();
        assertThat(found).isEqualTo(grant);
        assertThat(found.bookkeeping()).isEqualTo(RefreshBookkeeping.none());
    }

    @Test
    void longTokensAndManyScopesRoundTripExactly() {
        InstallationId installation = storedLocationInstallation();
        String jwtLike = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + TestIds.randomText(3_000) + "._-+/=";
        StringBuilder scopes = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            scopes.append("scope").append(i).append(".readonly ");
        }
        Grant grant = aLocationGrant().forInstallation(installation)
                .withAccessToken(jwtLike).withRefreshToken(jwtLike + "r").withScopes(scopes.toString()).build();

        repository.add(grant);

        Grant found = repository.findByInstallationId(installation).orElseThrow();
        assertThat(found.accessToken().value()).isEqualTo(jwtLike);
        assertThat(found.refreshToken().map(RefreshToken::value)).contains(jwtLike + "r");
        assertThat(found.scopes().values()).hasSize(120);
        assertThat(found).isEqualTo(grant);
    }

    @Test
    void aGrantWithNoScopesRoundTrips() {
        InstallationId installation = storedLocationInstallation();
        Grant grant = aLocationGrant().forInstallation(installation).withScopes("").build();

        repository.add(grant);

        assertThat(repository.findByInstallationId(installation).orElseThrow().scopes()).isEqualTo(Scopes.none());
    }

    @Test
    void nothingIsFoundForAnInstallationWithoutGrant() {
        assertThat(repository.findByInstallationId(storedLocationInstallation())).isEmpty();
        assertThat(repository.findByInstallationId(TestIds.installationId())).isEmpty();
    }

    @Test
    void grantsOfDifferentInstallationsStayApart() {
        InstallationId first = storedLocationInstallation();
        InstallationId second = storedLocationInstallation();
        Grant firstGrant = aLocationGrant().forInstallation(first).build();
        Grant secondGrant = aLocationGrant().forInstallation(second).build();

        repository.add(firstGrant);
        repository.add(secondGrant);

        assertThat(repository.findByInstallationId(first)).contains(firstGrant);
        assertThat(repository.findByInstallationId(second)).contains(secondGrant);
    }

    @Test
    void aSecondGrantForTheSameInstallationIsRefused() {
        InstallationId installation = storedLocationInstallation();
        Grant first = aLocationGrant().forInstallation(installation).build();
        repository.add(first);

        Grant second = aLocationGrant().forInstallation(installation).build();
        assertThatThrownBy(() -> repository.add(second)).isInstanceOf(AlreadyExistsException.class);
        assertThat(repository.findByInstallationId(installation)).contains(first);
    }

    @Test
    void rotatingAndUpdatingStoresTheNewPairAndAdvancesTheVersionByOne() {
        InstallationId installation = storedLocationInstallation();
        Grant stored = repository.add(aLocationGrant().forInstallation(installation).build());
        Instant now = TestTimes.NOW;
        IssuedTokens newPair = IssuedTokens.of(AccessToken.of("new-access-" + TestIds.randomText(20)),
                now.plus(Duration.ofSeconds(86_399)), RefreshToken.of("new-refresh-" + TestIds.randomText(20)),
                Scopes.parse("contacts.readonly"), now);

        Grant updated = repository.update(stored.rotate(newPair));

        assertThat(updated.version()).isEqualTo(stored.version() + 1);
        Grant found = repository.findByInstallationId(installation).orElseThrow();
        assertThat(found).isEqualTo(updated);
        assertThat(found.accessToken()).isEqualTo(newPair.accessToken());
        assertThat(found.refreshToken()).isEqualTo(newPair.refreshToken());
        assertThat(found.bookkeeping().lastRefreshedAt()).contains(now);
    }

    @Test
    void successiveUpdatesEachAdvanceTheVersion() {
        InstallationId installation = storedLocationInstallation();
        Grant stored = repository.add(aLocationGrant().forInstallation(installation).build());

        Grant v1 = repository.update(stored.rotate(pairIssuedAt(TestTimes.NOW.plusSeconds(1))));
        Grant v2 = repository.update(v1.remint(pairIssuedAt(TestTimes.NOW.plusSeconds(2))));
        Grant v3 = repository.update(v2.reissue(pairIssuedAt(TestTimes.NOW.plusSeconds(3))));

        assertThat(List.of(v1.version(), v2.version(), v3.version()))
                .containsExactly(stored.version() + 1, stored.version() + 2, stored.version() + 3);
        Grant found = repository.findByInstallationId(installation).orElseThrow();
        assertThat(found).isEqualTo(v3);
        assertThat(found.source()).isEqualTo(GrantSource.DIRECT_INSTALL);
        assertThat(found.bookkeeping().lastRefreshedAt()).contains(TestTimes.NOW.plusSeconds(3));
    }

    @Test
    void anUpdateBasedOnAStaleVersionIsRefusedAndChangesNothing() {
        InstallationId installation = storedLocationInstallation();
        Grant stored = repository.add(aLocationGrant().forInstallation(installation).build());
        Grant firstWriter = repository.update(stored.rotate(pairIssuedAt(TestTimes.NOW.plusSeconds(1))));

        Grant secondWriter = stored.rotate(pairIssuedAt(TestTimes.NOW.plusSeconds(2)));
        assertThatThrownBy(() -> repository.update(secondWriter)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(repository.findByInstallationId(installation)).contains(firstWriter);
    }

    @Test
    void anUpdateOfAGrantThatWasNeverStoredIsRefused() {
        InstallationId installation = storedLocationInstallation();
        Grant neverStored = aLocationGrant().forInstallation(installation).build();

        assertThatThrownBy(() -> repository.update(neverStored)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(repository.findByInstallationId(installation)).isEmpty();
    }

    @Test
    void ofConcurrentUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
        InstallationId installation = storedLocationInstallation();
        Grant stored = repository.add(aLocationGrant().forInstallation(installation).build());
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                long fence = i + 1L;
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        repository.update(stored.rotate(pairIssuedAt(TestTimes.NOW.plusSeconds(fence))));
                        return true;
                    } catch (ConcurrentUpdateException lost) {
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(repository.findByInstallationId(installation).orElseThrow().version())
                    .isEqualTo(stored.version() + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletingErasesTheGrantAndIsIdempotent() {
        InstallationId installation = storedLocationInstallation();
        InstallationId neighbour = storedLocationInstallation();
        repository.add(aLocationGrant().forInstallation(installation).build());
        Grant neighbourGrant = repository.add(aLocationGrant().forInstallation(neighbour).build());

        assertThat(repository.deleteByInstallationId(installation)).isTrue();
        assertThat(repository.findByInstallationId(installation)).isEmpty();
        assertThat(repository.deleteByInstallationId(installation)).isFalse();
        assertThat(repository.findByInstallationId(neighbour)).contains(neighbourGrant);
    }

    @Test
    void aGrantCanBeAddedAgainAfterItWasDeleted() {
        InstallationId installation = storedLocationInstallation();
        repository.add(aLocationGrant().forInstallation(installation).build());
        repository.deleteByInstallationId(installation);

        Grant again = aLocationGrant().forInstallation(installation).build();
        repository.add(again);

        assertThat(repository.findByInstallationId(installation)).contains(again);
    }

    @Test
    void deletingForAnInstallationWithoutGrantReturnsFalse() {
        assertThat(repository.deleteByInstallationId(storedLocationInstallation())).isFalse();
        assertThat(repository.deleteByInstallationId(TestIds.installationId())).isFalse();
    }

    /** Stores a fresh location installation and returns its id. */
    protected InstallationId storedLocationInstallation() {
        return installations.add(anInstallation().build()).id();
    }

    private static IssuedTokens pairIssuedAt(Instant issuedAt) {
        return IssuedTokens.of(AccessToken.of("access-" + TestIds.randomText(20)), issuedAt.plusSeconds(86_399),
                RefreshToken.of("refresh-" + TestIds.randomText(20)), Scopes.parse("contacts.readonly"), issuedAt);
    }
}

package io.accesshub.adapter.persistence.grant;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.RefreshLease;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh lease on the real database: one holder, fenced writes, the attempt marker, due grants. */
class JdbcRefreshLeasesTest {

    private final RefreshLeases leases = SharedContext.bean(RefreshLeases.class);
    private final GrantRepository grants = SharedContext.bean(GrantRepository.class);
    private final InstallationRepository installations = SharedContext.bean(InstallationRepository.class);
    private Grant grant;

    @BeforeEach
    void storeAGrant() {
        Installation installation = installations.add(aLocationInstallation().build());
        grant = grants.add(aLocationGrant().forInstallation(installation.id()).build());
    }

    private Grant rotated(Grant current, String suffix) {
        Instant issued = current.issuedAt().plusSeconds(3600);
        return current.rotate(new IssuedTokens(AccessToken.of("at-" + suffix), issued.plusSeconds(86_399),
            Optional.of(RefreshToken.of("rt-" + suffix)), Scopes.parse("contacts.readonly"), issued));
    }

    @Test
    void oneHolderAtATimeAndTheFenceMovesForward() {
        RefreshLease first = leases.acquire(grant.installationId(), "a", Duration.ofSeconds(30)).orElseThrow();

        assertThat(leases.acquire(grant.installationId(), "b", Duration.ofSeconds(30))).isEmpty();
        assertThat(first.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(first.unfinishedAttemptAge()).isEmpty();

        leases.release(first, true, Optional.empty());
        RefreshLease second = leases.acquire(grant.installationId(), "b", Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.fence()).isGreaterThan(first.fence());
    }

    @Test
    void concurrentAcquirersHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<RefreshLease>>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String owner = "owner-" + i;
                attempts.add(() -> leases.acquire(grant.installationId(), owner, Duration.ofSeconds(30)));
            }
            int winners = 0;
            for (Future<Optional<RefreshLease>> f : pool.invokeAll(attempts)) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHolderWhoseLeaseExpiredCannotStoreItsLateResult() {
        RefreshLease paused = leases.acquire(grant.installationId(), "paused", Duration.ofNanos(1000)).orElseThrow();
        RefreshLease current = leases.acquire(grant.installationId(), "current", Duration.ofSeconds(30)).orElseThrow();
        Grant reread = grants.findByInstallationId(grant.installationId()).orElseThrow();

        assertThat(leases.recordAttempt(paused)).isFalse();
        assertThat(leases.complete(paused, rotated(reread, "late"))).isFalse();
        assertThat(leases.complete(current, rotated(reread, "current"))).isTrue();

        Grant stored = grants.findByInstallationId(grant.installationId()).orElseThrow();
        assertThat(stored.refreshToken()).contains(RefreshToken.of("rt-current"));
    }

    @Test
    void anAttemptWithoutAStoredOutcomeIsVisibleToTheNextHolder() {
        RefreshLease crashed = leases.acquire(grant.installationId(), "crashed", Duration.ofSeconds(30)).orElseThrow();
        assertThat(leases.recordAttempt(crashed)).isTrue();
        leases.release(crashed, false, Optional.empty());

        RefreshLease next = leases.acquire(grant.installationId(), "next", Duration.ofSeconds(30)).orElseThrow();

        assertThat(next.unfinishedAttemptAge()).isPresent();
        assertThat(next.unfinishedAttemptAge().get()).isLessThan(Duration.ofSeconds(30));
        Grant reread = grants.findByInstallationId(grant.installationId()).orElseThrow();
        assertThat(leases.complete(next, rotated(reread, "2"))).isTrue();
        RefreshLease after = leases.acquire(grant.installationId(), "after", Duration.ofSeconds(30)).orElseThrow();
        assertThat(after.unfinishedAttemptAge()).as("completion clears the marker").isEmpty();
    }

    @Test
    void dueListsExpiringGrantsThatAreNeitherLeasedNorBackingOff() {
        Instant farFuture = Instant.parse("2100-01-01T00:00:00Z");
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        assertThat(leases.due(farFuture, longAgo, 10_000)).contains(grant.installationId());

        RefreshLease held = leases.acquire(grant.installationId(), "h", Duration.ofSeconds(30)).orElseThrow();
        assertThat(leases.due(farFuture, longAgo, 10_000)).doesNotContain(grant.installationId());
        leases.release(held, true, Optional.of(farFuture));
        assertThat(leases.due(farFuture, longAgo, 10_000)).doesNotContain(grant.installationId());
    }
}

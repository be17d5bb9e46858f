package io.accesshub.application.port.out;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RefreshLeases} must do, run against the in-memory fake and the JDBC adapter: one holder at a time
 * with a moving fence, attempts recorded only on a long enough lease, completion conditional on the presented refresh
 * token, and a schedule that never returns grants that cannot make progress.
 */
public abstract class RefreshLeasesContract {

    protected abstract RefreshLeases leases();

    protected abstract GrantRepository grants();

    protected abstract InstallationRepository installations();

    /** Makes the grant's current lease look expired for {@code ago} on the store's clock. */
    protected abstract void expireLease(Installation installation, Duration ago);

    private Installation installation;
    private Grant grant;

    @BeforeEach
    void storeAGrant() {
        installation = installations().add(aLocationInstallation().build());
        grant = grants().add(aLocationGrant().forInstallation(installation.id()).build());
    }

    private Grant rotated(Grant current, String suffix) {
        Instant issued = current.issuedAt().plusSeconds(3600);
        return current.rotate(new IssuedTokens(AccessToken.of("at-" + suffix + TestIds.randomText(8)),
            issued.plusSeconds(86_399), Optional.of(RefreshToken.of("rt-" + suffix + TestIds.randomText(8))),
            Scopes.parse("contacts.readonly"), issued));
    }

    private Optional<String> fingerprintOf(Grant g) {
        return g.refreshToken().map(RefreshToken::fingerprint);
    }

    private Grant stored() {
        return grants().findByInstallationId(installation.id()).orElseThrow();
    }

    private List<InstallationId> dueAmongMine(Instant now, Set<MarketplaceAppId> excluded) {
        return leases().due(now, excluded, 100_000).stream().filter(id -> id.equals(installation.id())).toList();
    }

    @Test
    void oneHolderAtATimeAndTheFenceMovesForward() {
        RefreshLease first = leases().acquire(installation.id(), "a", Duration.ofSeconds(30)).orElseThrow();

        assertThat(leases().acquire(installation.id(), "b", Duration.ofSeconds(30))).isEmpty();
        assertThat(first.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(leases().inspect(installation.id()).orElseThrow().leased()).isTrue();

        leases().release(first, false, Optional.empty());
        RefreshLease second = leases().acquire(installation.id(), "b", Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.fence()).isGreaterThan(first.fence());
    }

    @Test
    void anAttemptIsRecordedOnlyWhileTheLeaseOutlastsWhatASendNeeds() {
        RefreshLease lease = leases().acquire(installation.id(), "a", Duration.ofSeconds(10)).orElseThrow();

        assertThat(leases().recordAttempt(lease, Duration.ofSeconds(20))).as("10 s left, 20 s needed").isFalse();
        assertThat(leases().inspect(installation.id()).orElseThrow().attemptInFlight()).isFalse();

        RefreshLease renewed = leases().renew(lease, Duration.ofSeconds(60)).orElseThrow();
        assertThat(renewed.remaining()).isGreaterThan(Duration.ofSeconds(20));
        assertThat(leases().recordAttempt(renewed, Duration.ofSeconds(20))).isTrue();
        assertThat(leases().inspect(installation.id()).orElseThrow().attemptInFlight()).isTrue();
    }

    @Test
    void aLostLeaseCanNeitherRecordNorRenew() {
        RefreshLease old = leases().acquire(installation.id(), "old", Duration.ofSeconds(30)).orElseThrow();
        expireLease(installation, Duration.ofSeconds(1));
        RefreshLease current = leases().acquire(installation.id(), "current", Duration.ofSeconds(30)).orElseThrow();

        assertThat(leases().recordAttempt(old, Duration.ZERO)).isFalse();
        assertThat(leases().renew(old, Duration.ofSeconds(30))).isEmpty();
        assertThat(leases().recordAttempt(current, Duration.ZERO)).isTrue();
    }

    @Test
    void anExpiredLeaseNobodyTookCanStillBeRenewed() {
        RefreshLease lease = leases().acquire(installation.id(), "slow", Duration.ofSeconds(30)).orElseThrow();
        expireLease(installation, Duration.ofSeconds(5));

        RefreshLease renewed = leases().renew(lease, Duration.ofSeconds(30)).orElseThrow();

        assertThat(renewed.fence()).isEqualTo(lease.fence());
        assertThat(leases().acquire(installation.id(), "other", Duration.ofSeconds(30))).isEmpty();
        assertThat(leases().recordAttempt(renewed, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aLateAnswerIsStoredWhenNobodyRotatedSinceEvenAfterTheLeaseMoved() {
        RefreshLease holder = leases().acquire(installation.id(), "holder", Duration.ofSeconds(30)).orElseThrow();
        assertThat(leases().recordAttempt(holder, Duration.ZERO)).isTrue();
        expireLease(installation, Duration.ofSeconds(90));
        RefreshLease judge = leases().acquire(installation.id(), "judge", Duration.ofSeconds(30)).orElseThrow();
        leases().release(judge, false, Optional.empty());
        Grant late = rotated(grant, "late");

        assertThat(leases().complete(installation.id(), fingerprintOf(grant), holder.fence(), late,
            late.accessTokenExpiresAt())).isTrue();

        assertThat(stored().refreshToken()).isEqualTo(late.refreshToken());
        LeaseState state = leases().inspect(installation.id()).orElseThrow();
        assertThat(state.attemptInFlight()).isFalse();
        assertThat(state.leased()).isFalse();
    }

    @Test
    void anAnswerForAPairThatWasRotatedSinceIsRefusedAndTheNewerPairStays() {
        RefreshLease first = leases().acquire(installation.id(), "first", Duration.ofSeconds(30)).orElseThrow();
        Grant theirs = rotated(grant, "theirs");
        assertThat(leases().complete(installation.id(), fingerprintOf(grant), first.fence(), theirs,
            theirs.accessTokenExpiresAt())).isTrue();

        Grant mine = rotated(grant, "mine");
        assertThat(leases().complete(installation.id(), fingerprintOf(grant), first.fence(), mine,
            mine.accessTokenExpiresAt())).isFalse();

        assertThat(stored().refreshToken()).isEqualTo(theirs.refreshToken());
    }

    @Test
    void storingTheSamePairTwiceIsHarmless() {
        RefreshLease lease = leases().acquire(installation.id(), "a", Duration.ofSeconds(30)).orElseThrow();
        Grant refreshed = rotated(grant, "once");

        assertThat(leases().complete(installation.id(), fingerprintOf(grant), lease.fence(), refreshed,
            refreshed.accessTokenExpiresAt())).isTrue();
        assertThat(leases().complete(installation.id(), fingerprintOf(grant), lease.fence(), refreshed,
            refreshed.accessTokenExpiresAt())).as("a retried write whose first try committed").isTrue();

        assertThat(stored().refreshToken()).isEqualTo(refreshed.refreshToken());
    }

    @Test
    void anUnsettledReleaseKeepsTheAttemptInFlightForTheNextHolder() {
        RefreshLease crashed = leases().acquire(installation.id(), "crashed", Duration.ofSeconds(30)).orElseThrow();
        assertThat(leases().recordAttempt(crashed, Duration.ZERO)).isTrue();
        leases().release(crashed, false, Optional.empty());

        LeaseState state = leases().inspect(installation.id()).orElseThrow();
        assertThat(state.attemptInFlight()).isTrue();
        assertThat(state.attemptAge()).isPresent();
        RefreshLease next = leases().acquire(installation.id(), "next", Duration.ofSeconds(30)).orElseThrow();
        assertThat(next.unfinishedAttemptAge()).isPresent();

        leases().release(next, true, Optional.empty());
        assertThat(leases().inspect(installation.id()).orElseThrow().attemptInFlight()).isFalse();
    }

    @Test
    void inspectTellsHowLongAnExpiredLeaseHasBeenExpired() {
        RefreshLease lease = leases().acquire(installation.id(), "a", Duration.ofSeconds(30)).orElseThrow();
        assertThat(leases().recordAttempt(lease, Duration.ZERO)).isTrue();
        assertThat(leases().inspect(installation.id()).orElseThrow().leaseExpiredFor()).isZero();

        expireLease(installation, Duration.ofSeconds(45));

        LeaseState state = leases().inspect(installation.id()).orElseThrow();
        assertThat(state.leased()).isFalse();
        assertThat(state.leaseExpiredFor()).isBetween(Duration.ofSeconds(44), Duration.ofSeconds(60));
    }

    @Test
    void theScheduleSkipsLeasedBackingOffParkedAndExcludedGrants() {
        Instant due = grant.accessTokenExpiresAt();
        assertThat(dueAmongMine(due, Set.of())).as("scheduled before its expiry").hasSize(1);
        assertThat(dueAmongMine(due, Set.of(installation.key().appId()))).as("app excluded").isEmpty();

        RefreshLease held = leases().acquire(installation.id(), "h", Duration.ofSeconds(30)).orElseThrow();
        assertThat(dueAmongMine(due, Set.of())).as("leased").isEmpty();
        leases().release(held, true, Optional.of(due.plusSeconds(600)));
        assertThat(dueAmongMine(due, Set.of())).as("backing off").isEmpty();
        assertThat(dueAmongMine(due.plusSeconds(600), Set.of())).as("backoff over").hasSize(1);
        assertThat(stored().bookkeeping().consecutiveFailures()).isEqualTo(1);

        RefreshLease again = leases().acquire(installation.id(), "p", Duration.ofSeconds(30)).orElseThrow();
        leases().park(again);
        assertThat(dueAmongMine(Instant.parse("2999-01-01T00:00:00Z"), Set.of())).as("parked").isEmpty();
        assertThat(leases().firstScheduled(installation.key().appId())).isEmpty();
    }

    @Test
    void aRescheduledGrantLeavesTheScheduleUntilItsNewTimeWithoutCountingAFailure() {
        RefreshLease lease = leases().acquire(installation.id(), "r", Duration.ofSeconds(30)).orElseThrow();
        Instant later = grant.accessTokenExpiresAt().plusSeconds(3600);

        leases().reschedule(lease, later);

        assertThat(dueAmongMine(later.minusSeconds(1), Set.of())).isEmpty();
        assertThat(dueAmongMine(later, Set.of())).hasSize(1);
        assertThat(stored().bookkeeping().consecutiveFailures()).isZero();
        assertThat(leases().inspect(installation.id()).orElseThrow().leased()).isFalse();
    }

    @Test
    void aGrantWrittenThroughTheRepositoryIsScheduledAgainAfterBeingParked() {
        RefreshLease lease = leases().acquire(installation.id(), "p", Duration.ofSeconds(30)).orElseThrow();
        leases().park(lease);

        Grant reissued = grants().update(stored().reissue(rotated(grant, "reinstall").refreshToken()
            .map(rt -> IssuedTokens.of(AccessToken.of("at-new"), grant.issuedAt().plusSeconds(7200 + 86_399), rt,
                Scopes.parse("contacts.readonly"), grant.issuedAt().plusSeconds(7200)))
            .orElseThrow()));

        assertThat(dueAmongMine(reissued.accessTokenExpiresAt(), Set.of())).hasSize(1);
        assertThat(leases().firstScheduled(installation.key().appId())).contains(installation.id());
    }

    @Test
    void grantsComeOutEarliestScheduledFirst() {
        Installation later = installations().add(aLocationInstallation().build());
        grants().add(aLocationGrant().forInstallation(later.id())
            .accessTokenExpiresAt(grant.accessTokenExpiresAt().plusSeconds(3600)).build());

        List<InstallationId> order = leases().due(grant.accessTokenExpiresAt().plusSeconds(3600), Set.of(), 100_000).stream()
            .filter(id -> id.equals(installation.id()) || id.equals(later.id())).toList();

        assertThat(order).containsExactly(installation.id(), later.id());
    }
}

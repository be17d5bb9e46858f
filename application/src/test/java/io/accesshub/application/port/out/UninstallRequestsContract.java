package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallFailure;
import io.accesshub.domain.uninstall.UninstallReason;
import io.accesshub.domain.uninstall.UninstallRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UninstallRequests} must do; adapters subclass it with their real queue. Leases may run on the
 * database's clock, so {@code now} is the real time here.
 */
public abstract class UninstallRequestsContract {

    private static final Duration LEASE = Duration.ofMinutes(2);

    /** A fresh, empty queue; {@code installation} is made to exist where the adapter needs it to. */
    protected abstract UninstallRequests newQueue(InstallationId... installations);

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static InstallationId anId() {
        return InstallationId.of(UUID.randomUUID());
    }

    @Test
    void aNewRequestIsStoredAndClaimedByItsOpenerAndByNoOtherWhileLeased() {
        InstallationId id = anId();
        UninstallRequests queue = newQueue(id);
        UninstallRequest request = UninstallRequest.requested(id, new UninstallReason("moving to v2"), now());

        assertThat(queue.openAndClaim(request, "a", LEASE, now())).contains(request);
        UninstallRequest leased = queue.find(id).orElseThrow();
        assertThat(leased).usingRecursiveComparison().ignoringFields("nextAttemptAt").isEqualTo(request);
        assertThat(leased.nextAttemptAt()).as("moved to the lease's end, off the head of the due order")
            .isAfter(request.nextAttemptAt().plus(LEASE).minusSeconds(30));
        assertThat(queue.openAndClaim(request, "b", LEASE, now())).as("leased by a").isEmpty();
        assertThat(queue.claimDue("b", LEASE, now())).as("leased by a").isEmpty();
    }

    @Test
    void openingAgainKeepsTheFirstRequest() {
        InstallationId id = anId();
        UninstallRequests queue = newQueue(id);
        UninstallRequest first = UninstallRequest.requested(id, UninstallReason.DEFAULT, now());
        queue.openAndClaim(first, "a", LEASE, now());
        queue.reschedule(first, "a");

        Optional<UninstallRequest> again = queue.openAndClaim(
            UninstallRequest.requested(id, new UninstallReason("other"), now().plusSeconds(1)), "b", LEASE,
            now().plusSeconds(1));

        assertThat(again).contains(first);
        assertThat(queue.find(id).orElseThrow()).usingRecursiveComparison().ignoringFields("nextAttemptAt")
            .isEqualTo(first);
    }

    @Test
    void aRescheduledRequestIsReleasedAndClaimedAgainOnlyWhenDue() {
        InstallationId id = anId();
        UninstallRequests queue = newQueue(id);
        Instant start = now();
        UninstallRequest request = UninstallRequest.requested(id, UninstallReason.DEFAULT, start);
        queue.openAndClaim(request, "a", LEASE, start);
        UninstallRequest failed = request.failed(UninstallFailure.MARKETPLACE_UNAVAILABLE,
            Optional.of(Duration.ofSeconds(90)), start);

        queue.reschedule(failed, "a");

        assertThat(queue.find(id)).contains(failed);
        assertThat(queue.claimDue("b", LEASE, now())).as("not due").isEmpty();
        assertThat(queue.openAndClaim(request, "b", LEASE, now())).as("not due").isEmpty();
        assertThat(queue.claimDue("b", LEASE, failed.nextAttemptAt())).contains(failed);
        assertThat(queue.claimDue("c", LEASE, failed.nextAttemptAt())).as("leased by b").isEmpty();
    }

    @Test
    void theRequestDueFirstIsClaimedFirst() {
        InstallationId later = anId();
        InstallationId sooner = anId();
        UninstallRequests queue = newQueue(later, sooner);
        Instant start = now();
        queue.openAndClaim(UninstallRequest.requested(later, UninstallReason.DEFAULT, start), "a", LEASE, start);
        queue.reschedule(UninstallRequest.requested(later, UninstallReason.DEFAULT, start)
            .failed(UninstallFailure.REFUSED, Optional.empty(), start.plusSeconds(10)), "a");
        queue.openAndClaim(UninstallRequest.requested(sooner, UninstallReason.DEFAULT, start), "a", LEASE, start);
        queue.reschedule(UninstallRequest.requested(sooner, UninstallReason.DEFAULT, start)
            .failed(UninstallFailure.REFUSED, Optional.empty(), start), "a");

        assertThat(queue.claimDue("b", LEASE, start.plusSeconds(60)).map(UninstallRequest::installationId))
            .contains(sooner);
        assertThat(queue.claimDue("b", LEASE, start.plusSeconds(60)).map(UninstallRequest::installationId))
            .contains(later);
    }

    @Test
    void whetherACallMayHaveBeenSentIsKeptAcrossReschedules() {
        InstallationId id = anId();
        UninstallRequests queue = newQueue(id);
        Instant start = now();
        UninstallRequest request = UninstallRequest.requested(id, UninstallReason.DEFAULT, start);
        queue.openAndClaim(request, "a", LEASE, start);
        assertThat(queue.find(id).orElseThrow().sent()).isFalse();

        queue.markSent(id, "a");
        queue.reschedule(request.sending().failed(UninstallFailure.MARKETPLACE_UNAVAILABLE, Optional.empty(), start),
            "a");

        assertThat(queue.find(id).orElseThrow().sent()).isTrue();
        assertThat(queue.claimDue("b", LEASE, start.plusSeconds(30)).orElseThrow().sent()).isTrue();
    }

    @Test
    void aParkedRequestIsNotClaimedUntilItIsOpenedAgain() {
        InstallationId id = anId();
        UninstallRequests queue = newQueue(id);
        Instant start = now();
        UninstallRequest request = UninstallRequest.requested(id, UninstallReason.DEFAULT, start);
        queue.openAndClaim(request, "a", LEASE, start);
        UninstallRequest parked = new UninstallRequest(id, request.reason(), start, 5, start,
            Optional.of(UninstallFailure.REFUSED), false, true);

        queue.reschedule(parked, "a");

        assertThat(queue.find(id)).contains(parked);
        assertThat(queue.claimDue("b", LEASE, start.plusSeconds(3600))).as("parked").isEmpty();
        Optional<UninstallRequest> revived = queue.openAndClaim(
            UninstallRequest.requested(id, UninstallReason.DEFAULT, now()), "b", LEASE, now());
        assertThat(revived).as("a repeat revives it").isPresent();
        assertThat(revived.get().parked()).isFalse();
        assertThat(revived.get().attempts()).isEqualTo(5);
    }

    @Test
    void manyRequestsAreFoundAtOnce() {
        InstallationId first = anId();
        InstallationId second = anId();
        InstallationId without = anId();
        UninstallRequests queue = newQueue(first, second, without);
        UninstallRequest one = UninstallRequest.requested(first, UninstallReason.DEFAULT, now().plusSeconds(60));
        UninstallRequest two = UninstallRequest.requested(second, new UninstallReason("other"), now().plusSeconds(60));
        queue.openAndClaim(one, "a", LEASE, now());
        queue.openAndClaim(two, "a", LEASE, now());

        assertThat(queue.findAll(java.util.List.of(first, second, without)))
            .isEqualTo(java.util.Map.of(first, one, second, two));
        assertThat(queue.findAll(java.util.List.of())).isEmpty();
    }

    @Test
    void aRemovedRequestIsGone() {
        InstallationId id = anId();
        UninstallRequests queue = newQueue(id);
        queue.openAndClaim(UninstallRequest.requested(id, UninstallReason.DEFAULT, now()), "a", LEASE, now());

        queue.remove(id);

        assertThat(queue.find(id)).isEmpty();
        assertThat(queue.claimDue("b", LEASE, now().plusSeconds(1))).isEmpty();
    }
}

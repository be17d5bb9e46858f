package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.RelayDeliveries.QueuedMessage;
import io.accesshub.application.port.out.RelayDeliveries.RelayAttempt;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.AttemptResult;
import io.accesshub.domain.relay.DeliveryDecision;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDelivery;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelayMessage;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RelayDeliveries} must do (with the {@link RelaySubscriptions} it reads the subscriptions' state
 * from); the in-memory fakes and the database adapters both run it.
 */
public abstract class RelayDeliveriesContract {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final SubscriptionId SUB = SubscriptionId.of(UUID.fromString("00000000-0000-4000-8000-0000000000a1"));
    private static final SubscriptionId OTHER_SUB =
        SubscriptionId.of(UUID.fromString("00000000-0000-4000-8000-0000000000a2"));
    private static final InstallationId INST_A =
        InstallationId.of(UUID.fromString("00000000-0000-4000-8000-0000000000b1"));
    private static final InstallationId INST_B =
        InstallationId.of(UUID.fromString("00000000-0000-4000-8000-0000000000b2"));
    private static final AttemptResult OK = AttemptResult.answered(204, Duration.ofMillis(42));
    private static final AttemptResult FAILED = AttemptResult.failed("timeout", Duration.ofSeconds(10));

    /** The two stores under test, empty. */
    public record Stores(RelaySubscriptions subscriptions, RelayDeliveries deliveries) {
    }

    private RelaySubscriptions subscriptions;
    private RelayDeliveries deliveries;

    protected abstract Stores newStores();

    @BeforeEach
    void start() {
        Stores stores = newStores();
        subscriptions = stores.subscriptions();
        deliveries = stores.deliveries();
        subscriptions.add(subscription(SUB), "whsec_one");
        subscriptions.add(subscription(OTHER_SUB), "whsec_two");
    }

    private static RelaySubscription subscription(SubscriptionId id) {
        return RelaySubscription.create(id, "https://hooks.example.com/" + id,
            new RelayFilter(Set.of(RelayEventType.values()), Set.of(), Set.of()), "", T0.minusSeconds(60));
    }

    private static QueuedMessage message(long sequence, InstallationId installation, SubscriptionId... to) {
        InstallationEvent event = new InstallationEvent(InstallationEventType.INSTALLED, installation,
            InstallationKey.forCompany(MarketplaceAppId.of("app1"), CompanyId.of("agency1")),
            InstallationStatus.ACTIVE, StateReason.GRANT_ISSUED, T0.minusSeconds(1), Optional.empty());
        return new QueuedMessage(RelayMessage.of(sequence, event), "{\"seq\":" + sequence + "}", List.of(to));
    }

    private List<RelayDelivery> claim(String owner, Instant now) {
        return deliveries.claimDue(SUB, 10, owner, LEASE, now);
    }

    private static List<Long> sequences(List<RelayDelivery> claimed) {
        return claimed.stream().map(RelayDelivery::sequence).toList();
    }

    @Test
    void aQueuedMessageIsAPendingDeliveryDueNow() {
        deliveries.enqueue(List.of(message(7, INST_A, SUB, OTHER_SUB)), T0);

        List<RelayDelivery> queued = deliveries.deliveries(SUB, Optional.empty(), 10, Optional.empty());
        assertThat(queued).hasSize(1);
        RelayDelivery delivery = queued.get(0);
        assertThat(delivery.subscriptionId()).isEqualTo(SUB);
        assertThat(delivery.sequence()).isEqualTo(7);
        assertThat(delivery.installationId()).isEqualTo(INST_A);
        assertThat(delivery.type()).isEqualTo(RelayEventType.INSTALLED);
        assertThat(delivery.webhookId()).isEqualTo("msg_7");
        assertThat(delivery.body()).isEqualTo("{\"seq\":7}");
        assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.firstAttemptAt()).isEmpty();
        assertThat(delivery.nextAttemptAt()).isEqualTo(T0);
        assertThat(delivery.createdAt()).isEqualTo(T0);
        assertThat(deliveries.find(delivery.id())).contains(delivery);
        assertThat(deliveries.pendingCount(OTHER_SUB)).isEqualTo(1);
    }

    @Test
    void onlyActiveSubscriptionsWithAnUnleasedDueDeliveryAreDue() {
        assertThat(deliveries.dueSubscriptions(T0)).as("nothing queued").isEmpty();
        deliveries.enqueue(List.of(message(1, INST_A, SUB, OTHER_SUB)), T0);
        assertThat(deliveries.dueSubscriptions(T0.minusSeconds(1))).as("not due yet").isEmpty();
        assertThat(deliveries.dueSubscriptions(T0)).containsExactlyInAnyOrder(SUB, OTHER_SUB);

        subscriptions.changeState(OTHER_SUB, SubscriptionState.PAUSED, T0);
        assertThat(deliveries.dueSubscriptions(T0)).containsExactly(SUB);

        RelayDelivery claimed = claim("a", T0).get(0);
        assertThat(deliveries.dueSubscriptions(T0)).as("its only due delivery is leased").isEmpty();
        deliveries.record(claimed, "a", T0, OK, new DeliveryDecision.Delivered());
        assertThat(deliveries.dueSubscriptions(T0.plusSeconds(60))).as("nothing pending").isEmpty();
    }

    @Test
    void restartingRetriesMakesWaitingDeliveriesDueAndStartsTheirHorizonOver() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_B, SUB)), T0);
        RelayDelivery failing = claim("a", T0).stream().filter(d -> d.sequence() == 1).findFirst().orElseThrow();
        deliveries.record(failing, "a", T0, FAILED, new DeliveryDecision.RetryAt(T0.plus(Duration.ofHours(1))));
        Instant resumed = T0.plus(Duration.ofHours(30));
        deliveries.restartRetries(SUB, resumed);

        RelayDelivery restarted = deliveries.find(failing.id()).orElseThrow();
        assertThat(restarted.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(restarted.firstAttemptAt()).contains(resumed);
        assertThat(restarted.attempts()).isEqualTo(1);

        Instant early = T0.plusSeconds(30);
        deliveries.restartRetries(SUB, early);
        assertThat(deliveries.find(failing.id()).orElseThrow().nextAttemptAt()).isEqualTo(early);
        assertThat(deliveries.deliveries(SUB, Optional.of(DeliveryState.DELIVERED), 10, Optional.empty()))
            .as("only pending deliveries change").isEmpty();
    }

    @Test
    void queueingTheSameMessageAgainAddsNothing() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_B, SUB)), T0);

        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_B, SUB, OTHER_SUB)), T0.plusSeconds(5));

        assertThat(deliveries.pendingCount(SUB)).isEqualTo(2);
        assertThat(deliveries.pendingCount(OTHER_SUB)).isEqualTo(1);
        assertThat(deliveries.deliveries(SUB, Optional.empty(), 10, Optional.empty()))
            .allSatisfy(d -> assertThat(d.createdAt()).isEqualTo(T0));
    }

    @Test
    void aMessageForADeletedSubscriptionIsSkippedWithoutFailingTheOthers() {
        SubscriptionId gone = SubscriptionId.of(UUID.fromString("00000000-0000-4000-8000-0000000000ff"));

        deliveries.enqueue(List.of(message(1, INST_A, gone, SUB)), T0);

        assertThat(deliveries.pendingCount(SUB)).isEqualTo(1);
        assertThat(deliveries.pendingCount(gone)).isZero();
    }

    @Test
    void anInstallationsEventsAreClaimedOneAtATimeInOrderWhileOthersGoInParallel() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_A, SUB), message(3, INST_B, SUB)), T0);

        List<RelayDelivery> first = claim("worker-1", T0);
        assertThat(sequences(first)).containsExactly(1L, 3L);

        // the second event of A waits while the first is pending, even leased
        assertThat(claim("worker-2", T0.plusSeconds(1))).isEmpty();

        RelayDelivery a1 = first.get(0);
        assertThat(deliveries.record(a1, "worker-1", T0.plusSeconds(2), OK, new DeliveryDecision.Delivered()))
            .isTrue();
        assertThat(sequences(claim("worker-2", T0.plusSeconds(3)))).containsExactly(2L);
    }

    @Test
    void aParkedDeliveryNoLongerHoldsBackItsInstallation() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_A, SUB)), T0);
        RelayDelivery a1 = claim("worker-1", T0).get(0);

        deliveries.record(a1, "worker-1", T0.plusSeconds(1), FAILED, new DeliveryDecision.Park());

        assertThat(sequences(claim("worker-1", T0.plusSeconds(2)))).containsExactly(2L);
    }

    @Test
    void aFailedOlderDeliveryWaitingForItsRetryStillHoldsBackTheNextOne() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_A, SUB)), T0);
        RelayDelivery a1 = claim("worker-1", T0).get(0);

        deliveries.record(a1, "worker-1", T0.plusSeconds(1), FAILED, new DeliveryDecision.RetryAt(T0.plusSeconds(30)));

        assertThat(claim("worker-1", T0.plusSeconds(2))).isEmpty();
        assertThat(sequences(claim("worker-1", T0.plusSeconds(30)))).containsExactly(1L);
    }

    @Test
    void deliveriesWaitingBehindAFailedOneAreNotDueBeforeItsRetry() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_A, SUB), message(3, INST_A, SUB),
            message(4, INST_B, SUB)), T0);
        List<RelayDelivery> heads = claim("worker-1", T0);
        RelayDelivery a1 = heads.stream().filter(d -> d.sequence() == 1L).findFirst().orElseThrow();
        RelayDelivery b4 = heads.stream().filter(d -> d.sequence() == 4L).findFirst().orElseThrow();
        deliveries.record(b4, "worker-1", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered());

        deliveries.record(a1, "worker-1", T0.plusSeconds(1), FAILED, new DeliveryDecision.RetryAt(T0.plusSeconds(600)));

        assertThat(deliveries.dueSubscriptions(T0.plusSeconds(2)))
            .as("a failing subscriber's backlog is not due while its head waits for the retry").isEmpty();
        assertThat(deliveries.dueSubscriptions(T0.plusSeconds(600))).containsExactly(SUB);
        assertThat(sequences(claim("worker-1", T0.plusSeconds(600)))).containsExactly(1L);
    }

    @Test
    void claimsGoOldestDueFirstUpToTheLimitAndNotBeforeTheyAreDue() {
        deliveries.enqueue(List.of(message(5, INST_A, SUB)), T0.plusSeconds(10));
        deliveries.enqueue(List.of(message(9, INST_B, SUB)), T0);

        assertThat(claim("worker-1", T0.minusSeconds(1))).isEmpty();
        assertThat(sequences(deliveries.claimDue(SUB, 1, "worker-1", LEASE, T0.plusSeconds(20))))
            .containsExactly(9L);
        assertThat(sequences(claim("worker-2", T0.plusSeconds(20)))).containsExactly(5L);
        assertThat(deliveries.claimDue(OTHER_SUB, 10, "worker-3", LEASE, T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void aPausedSubscriptionClaimsNothingUntilItIsResumed() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB)), T0);
        subscriptions.changeState(SUB, SubscriptionState.PAUSED, T0);
        assertThat(claim("worker-1", T0.plusSeconds(1))).isEmpty();

        subscriptions.changeState(SUB, SubscriptionState.ACTIVE, T0.plusSeconds(2));
        assertThat(sequences(claim("worker-1", T0.plusSeconds(3)))).containsExactly(1L);
    }

    @Test
    void onlyTheLeaseHolderRecordsAnAttempt() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB)), T0);
        RelayDelivery claimed = claim("worker-1", T0).get(0);

        assertThat(deliveries.record(claimed, "worker-2", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered()))
            .isFalse();

        assertThat(deliveries.find(claimed.id())).contains(claimed);
        assertThat(deliveries.attempts(SUB, 10, Optional.empty())).isEmpty();
        assertThat(deliveries.record(claimed, "worker-1", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered()))
            .isTrue();
        assertThat(deliveries.record(claimed, "worker-1", T0.plusSeconds(2), OK, new DeliveryDecision.Delivered()))
            .isFalse();
        assertThat(deliveries.attempts(SUB, 10, Optional.empty())).hasSize(1);
    }

    @Test
    void aDeliveredAttemptFinishesTheDeliveryAndIsLogged() {
        deliveries.enqueue(List.of(message(4, INST_A, SUB)), T0);
        RelayDelivery claimed = claim("worker-1", T0).get(0);

        deliveries.record(claimed, "worker-1", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered());

        RelayDelivery delivered = deliveries.find(claimed.id()).orElseThrow();
        assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.firstAttemptAt()).contains(T0.plusSeconds(1));
        assertThat(deliveries.pendingCount(SUB)).isZero();
        assertThat(deliveries.attempts(SUB, 10, Optional.empty())).singleElement().satisfies(attempt -> {
            assertThat(attempt.deliveryId()).isEqualTo(claimed.id());
            assertThat(attempt.subscriptionId()).isEqualTo(SUB);
            assertThat(attempt.webhookId()).isEqualTo("msg_4");
            assertThat(attempt.type()).isEqualTo(RelayEventType.INSTALLED);
            assertThat(attempt.sequence()).isEqualTo(4);
            assertThat(attempt.attemptedAt()).isEqualTo(T0.plusSeconds(1));
            assertThat(attempt.result()).isEqualTo(OK);
            assertThat(attempt.stateAfter()).isEqualTo(DeliveryState.DELIVERED);
        });
    }

    @Test
    void aRetryKeepsTheFirstAttemptTimeAndCountsAttempts() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB)), T0);
        RelayDelivery first = claim("worker-1", T0).get(0);
        deliveries.record(first, "worker-1", T0.plusSeconds(1), FAILED, new DeliveryDecision.RetryAt(T0.plusSeconds(10)));

        RelayDelivery waiting = deliveries.find(first.id()).orElseThrow();
        assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.firstAttemptAt()).contains(T0.plusSeconds(1));
        assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(claim("worker-1", T0.plusSeconds(5))).isEmpty();

        RelayDelivery second = claim("worker-2", T0.plusSeconds(10)).get(0);
        deliveries.record(second, "worker-2", T0.plusSeconds(10), AttemptResult.answered(503, Duration.ofMillis(7)),
            new DeliveryDecision.RetryAt(T0.plusSeconds(30)));

        RelayDelivery again = deliveries.find(first.id()).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.firstAttemptAt()).contains(T0.plusSeconds(1));
        assertThat(again.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(deliveries.attempts(SUB, 10, Optional.empty())).extracting(RelayAttempt::stateAfter)
            .containsExactly(DeliveryState.PENDING, DeliveryState.PENDING);
    }

    @Test
    void aParkedDeliveryIsReplayedAsNewAndClaimableAgain() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB)), T0);
        RelayDelivery claimed = claim("worker-1", T0).get(0);
        deliveries.record(claimed, "worker-1", T0.plusSeconds(1), FAILED, new DeliveryDecision.Park());
        assertThat(deliveries.find(claimed.id()).orElseThrow().state()).isEqualTo(DeliveryState.PARKED);
        assertThat(deliveries.deliveries(SUB, Optional.of(DeliveryState.PARKED), 10, Optional.empty())).hasSize(1);

        RelayDelivery replayed = deliveries.replay(claimed.id(), T0.plusSeconds(60)).orElseThrow();

        assertThat(replayed.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.firstAttemptAt()).isEmpty();
        assertThat(replayed.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(deliveries.find(claimed.id())).contains(replayed);
        assertThat(deliveries.replay(claimed.id(), T0.plusSeconds(61))).isEmpty();
        assertThat(sequences(claim("worker-1", T0.plusSeconds(60)))).containsExactly(1L);
        assertThat(deliveries.replay(999_999, T0)).isEmpty();
    }

    @Test
    void deliveriesAndAttemptsAreListedNewestFirstPageByPage() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_B, SUB)), T0);
        List<RelayDelivery> claimed = claim("worker-1", T0);
        deliveries.record(claimed.get(0), "worker-1", T0.plusSeconds(1), FAILED,
            new DeliveryDecision.RetryAt(T0.plusSeconds(2)));
        deliveries.record(claimed.get(1), "worker-1", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered());
        RelayDelivery retried = claim("worker-1", T0.plusSeconds(2)).get(0);
        deliveries.record(retried, "worker-1", T0.plusSeconds(3), OK, new DeliveryDecision.Delivered());

        List<RelayAttempt> firstPage = deliveries.attempts(SUB, 2, Optional.empty());
        assertThat(firstPage).extracting(RelayAttempt::sequence).containsExactly(1L, 2L);
        assertThat(firstPage.get(0).id()).isGreaterThan(firstPage.get(1).id());
        List<RelayAttempt> secondPage = deliveries.attempts(SUB, 2, Optional.of(firstPage.get(1).id()));
        assertThat(secondPage).extracting(RelayAttempt::sequence).containsExactly(1L);
        assertThat(secondPage.get(0).result()).isEqualTo(FAILED);
        assertThat(deliveries.attempts(OTHER_SUB, 10, Optional.empty())).isEmpty();

        List<RelayDelivery> newest = deliveries.deliveries(SUB, Optional.empty(), 1, Optional.empty());
        assertThat(newest).extracting(RelayDelivery::sequence).containsExactly(2L);
        assertThat(deliveries.deliveries(SUB, Optional.empty(), 5, Optional.of(newest.get(0).id())))
            .extracting(RelayDelivery::sequence).containsExactly(1L);
        assertThat(deliveries.deliveries(SUB, Optional.of(DeliveryState.PENDING), 5, Optional.empty())).isEmpty();
    }

    @Test
    void purgeDropsOldAttemptsAndFinishedDeliveriesButKeepsPendingOnes() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB), message(2, INST_B, SUB),
            message(3, InstallationId.of(UUID.fromString("00000000-0000-4000-8000-0000000000b3")), SUB)), T0);
        List<RelayDelivery> claimed = claim("worker-1", T0);
        assertThat(claimed).hasSize(3);
        deliveries.record(claimed.get(0), "worker-1", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered());
        deliveries.record(claimed.get(1), "worker-1", T0.plusSeconds(2), FAILED, new DeliveryDecision.Park());
        deliveries.record(claimed.get(2), "worker-1", T0.plusSeconds(3), FAILED,
            new DeliveryDecision.RetryAt(T0.plusSeconds(3600)));

        assertThat(deliveries.purge(T0, 100)).isZero();
        assertThat(deliveries.purge(T0.plusSeconds(60), 2)).isEqualTo(2);
        assertThat(deliveries.purge(T0.plusSeconds(60), 100)).isEqualTo(3);
        assertThat(deliveries.purge(T0.plusSeconds(60), 100)).isZero();

        assertThat(deliveries.deliveries(SUB, Optional.empty(), 10, Optional.empty()))
            .extracting(RelayDelivery::sequence).containsExactly(3L);
        assertThat(deliveries.find(claimed.get(0).id())).isEmpty();
        assertThat(deliveries.attempts(SUB, 10, Optional.empty())).isEmpty();
        assertThat(deliveries.pendingCount(SUB)).isEqualTo(1);
    }

    @Test
    void deletingASubscriptionRemovesItsDeliveriesAndAttempts() {
        deliveries.enqueue(List.of(message(1, INST_A, SUB, OTHER_SUB), message(2, INST_A, SUB)), T0);
        RelayDelivery claimed = claim("worker-1", T0).get(0);
        deliveries.record(claimed, "worker-1", T0.plusSeconds(1), OK, new DeliveryDecision.Delivered());

        assertThat(subscriptions.delete(SUB)).isTrue();

        assertThat(deliveries.deliveries(SUB, Optional.empty(), 10, Optional.empty())).isEmpty();
        assertThat(deliveries.find(claimed.id())).isEmpty();
        assertThat(deliveries.attempts(SUB, 10, Optional.empty())).isEmpty();
        assertThat(deliveries.pendingCount(SUB)).isZero();
        assertThat(deliveries.pendingCount(OTHER_SUB)).isEqualTo(1);
        assertThat(claim("worker-1", T0.plusSeconds(2))).isEmpty();
    }
}

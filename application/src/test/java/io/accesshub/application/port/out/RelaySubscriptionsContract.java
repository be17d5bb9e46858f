package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.FailureStreak;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RelaySubscriptions} must do; the in-memory fake and the database adapter both run it. */
public abstract class RelaySubscriptionsContract {

    protected static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");
    protected static final String SECRET = "whsec_c2VjcmV0LW9uZS1mb3ItdGVzdHM=";
    private static final String NEW_SECRET = "whsec_bmV3LXNlY3JldC1mb3ItdGVzdHM=";

    private RelaySubscriptions subscriptions;

    protected abstract RelaySubscriptions newSubscriptions();

    @BeforeEach
    void start() {
        subscriptions = newSubscriptions();
    }

    protected static SubscriptionId id(int n) {
        return SubscriptionId.of(UUID.fromString("00000000-0000-4000-8000-00000000000" + n));
    }

    protected static RelaySubscription subscription(SubscriptionId id, Instant createdAt) {
        return RelaySubscription.create(id, "https://hooks.example.com/relay", new RelayFilter(
            Set.of(RelayEventType.INSTALLED, RelayEventType.NEEDS_REAUTH), Set.of(MarketplaceAppId.of("app1")),
            Set.of(CompanyId.of("agency1"), CompanyId.of("agency2"))), "CRM sync", createdAt);
    }

    @Test
    void anAddedSubscriptionIsFoundAsStoredWithItsSecret() {
        RelaySubscription added = subscription(id(1), T0);
        subscriptions.add(added, SECRET);

        assertThat(subscriptions.find(id(1))).contains(added);
        assertThat(subscriptions.signingSecrets(id(1), T0)).containsExactly(SECRET);
        assertThat(subscriptions.find(id(2))).isEmpty();
        assertThat(subscriptions.signingSecrets(id(2), T0)).isEmpty();
    }

    @Test
    void aFilterWithoutAppsOrCompaniesIsReadBackEmpty() {
        RelaySubscription all = RelaySubscription.create(id(1), "https://hooks.example.com/all",
            new RelayFilter(Set.of(RelayEventType.values()), Set.of(), Set.of()), "", T0);
        subscriptions.add(all, SECRET);

        assertThat(subscriptions.find(id(1))).contains(all);
    }

    @Test
    void allAreListedOldestFirstAndOnlyActiveOnesSend() {
        subscriptions.add(subscription(id(2), T0.plusSeconds(2)), SECRET);
        subscriptions.add(subscription(id(1), T0.plusSeconds(1)), SECRET);
        subscriptions.add(subscription(id(3), T0.plusSeconds(3)), SECRET);
        subscriptions.changeState(id(3), SubscriptionState.PAUSED, T0.plusSeconds(4));

        assertThat(subscriptions.all()).extracting(RelaySubscription::id).containsExactly(id(1), id(2), id(3));
        assertThat(subscriptions.all()).filteredOn(s -> s.state().sends()).extracting(RelaySubscription::id)
            .containsExactly(id(1), id(2));
    }

    @Test
    void aStateChangeIsStoredAndAMoveToActiveEndsTheStreak() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        subscriptions.recordFailure(id(1), T0.plusSeconds(1));

        RelaySubscription paused = subscriptions.changeState(id(1), SubscriptionState.PAUSED, T0.plusSeconds(2))
            .orElseThrow();
        assertThat(paused.state()).isEqualTo(SubscriptionState.PAUSED);
        assertThat(paused.stateChangedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(paused.failures().failures()).isEqualTo(1);

        RelaySubscription resumed = subscriptions.changeState(id(1), SubscriptionState.ACTIVE, T0.plusSeconds(3))
            .orElseThrow();
        assertThat(resumed.failures()).isEqualTo(FailureStreak.NONE);
        assertThat(subscriptions.find(id(1))).contains(resumed);
        assertThat(subscriptions.changeState(id(2), SubscriptionState.PAUSED, T0)).isEmpty();
    }

    @Test
    void onlyAnActiveSubscriptionIsPausedAutomatically() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        subscriptions.add(subscription(id(2), T0), SECRET);
        subscriptions.changeState(id(2), SubscriptionState.PAUSED, T0.plusSeconds(1));

        assertThat(subscriptions.autoPause(id(1), T0.plusSeconds(5))).isTrue();
        assertThat(subscriptions.autoPause(id(1), T0.plusSeconds(6))).isFalse();
        assertThat(subscriptions.autoPause(id(2), T0.plusSeconds(5))).isFalse();
        assertThat(subscriptions.autoPause(id(3), T0.plusSeconds(5))).isFalse();

        RelaySubscription auto = subscriptions.find(id(1)).orElseThrow();
        assertThat(auto.state()).isEqualTo(SubscriptionState.AUTO_PAUSED);
        assertThat(auto.stateChangedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(subscriptions.find(id(2)).orElseThrow().state()).isEqualTo(SubscriptionState.PAUSED);
        assertThat(subscriptions.all()).noneMatch(s -> s.state().sends());
    }

    @Test
    void failuresCountFromTheFirstAndASuccessEndsTheStreak() {
        subscriptions.add(subscription(id(1), T0), SECRET);

        assertThat(subscriptions.recordFailure(id(1), T0.plusSeconds(1)))
            .isEqualTo(new FailureStreak(1, Optional.of(T0.plusSeconds(1))));
        assertThat(subscriptions.recordFailure(id(1), T0.plusSeconds(9)))
            .isEqualTo(new FailureStreak(2, Optional.of(T0.plusSeconds(1))));
        assertThat(subscriptions.find(id(1)).orElseThrow().failures())
            .isEqualTo(new FailureStreak(2, Optional.of(T0.plusSeconds(1))));

        subscriptions.recordSuccess(id(1));
        subscriptions.recordSuccess(id(1));
        assertThat(subscriptions.find(id(1)).orElseThrow().failures()).isEqualTo(FailureStreak.NONE);
        assertThat(subscriptions.recordFailure(id(1), T0.plusSeconds(20)))
            .isEqualTo(new FailureStreak(1, Optional.of(T0.plusSeconds(20))));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        subscriptions.add(subscription(id(1), T0), SECRET);
        int threads = 4;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        subscriptions.recordFailure(id(1), T0.plusSeconds(1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(subscriptions.find(id(1)).orElseThrow().failures())
            .isEqualTo(new FailureStreak(threads * each, Optional.of(T0.plusSeconds(1))));
    }

    @Test
    void aRotatedOutSecretSignsBesideTheNewOneUntilTheOverlapEnds() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        Instant overlapUntil = T0.plus(Duration.ofHours(24));

        assertThat(subscriptions.rotateSecret(id(1), NEW_SECRET, overlapUntil)).isTrue();

        assertThat(subscriptions.signingSecrets(id(1), T0.plusSeconds(1))).containsExactly(NEW_SECRET, SECRET);
        assertThat(subscriptions.signingSecrets(id(1), overlapUntil)).containsExactly(NEW_SECRET);
        RelaySubscription rotated = subscriptions.find(id(1)).orElseThrow();
        assertThat(rotated.secretOverlapUntil()).contains(overlapUntil);
        assertThat(rotated.inSecretOverlap(T0.plusSeconds(1))).isTrue();
        assertThat(subscriptions.rotateSecret(id(2), NEW_SECRET, overlapUntil)).isFalse();
    }

    @Test
    void aSecondRotationDropsTheFirstSecret() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        subscriptions.rotateSecret(id(1), NEW_SECRET, T0.plusSeconds(100));

        subscriptions.rotateSecret(id(1), "whsec_third", T0.plusSeconds(200));

        assertThat(subscriptions.signingSecrets(id(1), T0.plusSeconds(1))).containsExactly("whsec_third", NEW_SECRET);
    }

    @Test
    void aDeletedSubscriptionIsGone() {
        subscriptions.add(subscription(id(1), T0), SECRET);
        subscriptions.add(subscription(id(2), T0), SECRET);

        assertThat(subscriptions.delete(id(1))).isTrue();
        assertThat(subscriptions.delete(id(1))).isFalse();

        assertThat(subscriptions.find(id(1))).isEmpty();
        assertThat(subscriptions.all()).extracting(RelaySubscription::id).containsExactly(id(2));
        assertThat(subscriptions.signingSecrets(id(1), T0)).isEmpty();
    }
}

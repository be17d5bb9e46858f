package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoPauseTest {

    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    private final AutoPause rule = new AutoPause(3, Duration.ofHours(1));

    private static FailureStreak failures(int count, Instant first) {
        FailureStreak streak = FailureStreak.NONE;
        for (int i = 0; i < count; i++) {
            streak = streak.afterFailure(i == 0 ? first : first.plusSeconds(i));
        }
        return streak;
    }

    @Test
    void aStreakKeepsTheTimeOfItsFirstFailure() {
        FailureStreak streak = failures(5, START);
        assertThat(streak.failures()).isEqualTo(5);
        assertThat(streak.since()).contains(START);
    }

    @Test
    void pausesOnlyWithEnoughFailuresOverEnoughTime() {
        assertThat(rule.due(FailureStreak.NONE, START.plus(Duration.ofDays(1)))).isFalse();
        assertThat(rule.due(failures(2, START), START.plus(Duration.ofDays(1)))).isFalse();
        assertThat(rule.due(failures(50, START), START.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(rule.due(failures(3, START), START.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void resumingStartsANewStreakWhilePausingKeepsIt() {
        RelaySubscription subscription = RelaySubscription.create(SubscriptionId.of(java.util.UUID.randomUUID()),
            "https://example.com/hook", new RelayFilter(java.util.Set.of(RelayEventType.INSTALLED),
                java.util.Set.of(), java.util.Set.of()), "", START);
        RelaySubscription failing = new RelaySubscription(subscription.id(), subscription.url(), subscription.filter(),
            "", SubscriptionState.AUTO_PAUSED, START, START, failures(4, START), java.util.Optional.empty());
        assertThat(failing.withState(SubscriptionState.PAUSED, START).failures().failures()).isEqualTo(4);
        assertThat(failing.withState(SubscriptionState.ACTIVE, START).failures()).isEqualTo(FailureStreak.NONE);
        assertThat(SubscriptionState.AUTO_PAUSED.sends()).isFalse();
    }
}

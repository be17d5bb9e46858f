package io.accesshub.adapter.http.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyedRateLimitTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void eachKeyGetsItsOwnBudgetPerMinuteAndIsToldHowLongToWait() {
        KeyedRateLimit limit = new KeyedRateLimit(3, time);

        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryTake("198.51.100.1")).isEmpty();
        }
        assertThat(limit.tryTake("198.51.100.1")).hasValueSatisfying(wait ->
            assertThat(wait).isEqualTo(Duration.ofSeconds(20)));
        assertThat(limit.tryTake("198.51.100.2")).as("another address").isEmpty();

        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(limit.tryTake("198.51.100.1")).as("one more after a third of a minute").isEmpty();
        assertThat(limit.tryTake("198.51.100.1")).isPresent();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(KeyedRateLimit.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(KeyedRateLimit.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(KeyedRateLimit.retryAfterSeconds(Duration.ofMillis(20_001))).isEqualTo(21);
        assertThat(KeyedRateLimit.retryAfterSeconds(Duration.ofSeconds(20))).isEqualTo(20);
    }
}

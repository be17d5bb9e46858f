package io.accesshub.adapter.http.install;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;

/**
 * So many requests per key (a client address, an app) and minute, on this instance: a Bucket4j bucket per key, held
 * in a bounded map that forgets keys idle for a few minutes (a forgotten key starts again with a full bucket).
 */
final class KeyedRateLimit {

    /** Bounds the memory: at most this many keys are tracked. */
    static final int MAX_KEYS = 100_000;

    private final int perMinute;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    KeyedRateLimit(int perMinute, TimeMeter time) {
        this.perMinute = Math.max(1, perMinute);
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(Duration.ofMinutes(5)).build();
    }

    KeyedRateLimit(int perMinute) {
        this(perMinute, TimeMeter.SYSTEM_NANOTIME);
    }

    /** Takes one request for {@code key}: empty when allowed, else how long until the next one would be. */
    Optional<Duration> tryTake(String key) {
        ConsumptionProbe probe = buckets.get(key, k -> Bucket.builder()
            .withCustomTimePrecision(time)
            .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
            .build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Whole seconds to wait, rounded up, at least one: the value of a {@code Retry-After} header. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}

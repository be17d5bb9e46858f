package io.accesshub.adapter.ghl;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps each (app, resource) below HighLevel's burst limit with a Bucket4j token bucket, so normal operation never
 * draws a 429. A call that would wait longer than the bound is not made; the caller answers it as transient.
 */
final class RequestPacer {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** System.nanoTime() until which a resource is paused because HighLevel said its budget is spent. */
    private final ConcurrentMap<String, Long> pausedUntil = new ConcurrentHashMap<>();
    private final int requestsPerWindow;
    private final Duration window;
    private final Duration maxWait;

    RequestPacer(int requestsPerWindow, Duration window, Duration maxWait) {
        this.requestsPerWindow = requestsPerWindow;
        this.window = window;
        this.maxWait = maxWait;
    }

    /**
     * Waits for a slot for this resource; returns empty when granted, or how long to retry after when the wait would
     * exceed the bound.
     */
    Optional<Duration> acquire(String app, String resource) throws InterruptedException {
        String key = app + "/" + resource;
        Long paused = pausedUntil.get(key);
        if (paused != null) {
            long waitNanos = paused - System.nanoTime();
            if (waitNanos > maxWait.toNanos()) {
                return Optional.of(Duration.ofNanos(waitNanos));
            }
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> newBucket());
        if (bucket.asBlocking().tryConsume(1, maxWait)) {
            return Optional.empty();
        }
        return Optional.of(window);
    }

    /**
     * HighLevel counts in a sliding window, so the bucket must admit at most {@code requestsPerWindow} in ANY window:
     * a burst of a tenth, refilled greedily with the rest over the window (burst + refill per window = the limit).
     */
    private Bucket newBucket() {
        int burst = Math.max(1, requestsPerWindow / 10);
        int refill = Math.max(1, requestsPerWindow - burst);
        return Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, window).build())
            .build();
    }

    /**
     * HighLevel said the budget is spent (429, or {@code X-RateLimit-Remaining: 0}): following calls for the resource
     * wait {@code pause} (its {@code Retry-After} or window, plus a tenth for clock skew) and the bucket is drained.
     */
    void exhausted(String app, String resource, Duration pause) {
        String key = app + "/" + resource;
        long until = System.nanoTime() + pause.plus(pause.dividedBy(10)).toNanos();
        pausedUntil.merge(key, until, Math::max);
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.tryConsumeAsMuchAsPossible();
        }
    }
}

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
        Bucket bucket = buckets.computeIfAbsent(app + "/" + resource, key -> newBucket());
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

    /** HighLevel said the budget is spent: drain the bucket so following calls wait for the next window. */
    void exhausted(String app, String resource) {
        Bucket bucket = buckets.get(app + "/" + resource);
        if (bucket != null) {
            bucket.tryConsumeAsMuchAsPossible();
        }
    }
}

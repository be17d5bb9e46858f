package io.accesshub.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Sliding-window burst limit plus a daily limit per app and resource, with the peak-load bookkeeping for reports. */
final class RateLimiter {

    /** The decision and the values for the {@code X-RateLimit-*} headers. */
    record Decision(boolean allowed, int max, int remaining, long intervalMillis, long dailyLimit,
                    long dailyRemaining) {
    }

    private static final class Bucket {
        final ArrayDeque<Instant> accepted = new ArrayDeque<>();
        final ArrayDeque<Instant> attempted = new ArrayDeque<>();
        long day = Long.MIN_VALUE;
        long dailyCount;
        int maxAttempted;
    }

    private final int limit;
    private final Duration window;
    private final long dailyLimit;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private long tooMany;

    RateLimiter(int limit, Duration window, long dailyLimit) {
        this.limit = limit;
        this.window = window;
        this.dailyLimit = dailyLimit;
    }

    synchronized Decision acquire(String resource, Instant now) {
        Bucket b = buckets.computeIfAbsent(resource, r -> new Bucket());
        Instant horizon = now.minus(window);
        while (!b.accepted.isEmpty() && !b.accepted.peekFirst().isAfter(horizon)) {
            b.accepted.pollFirst();
        }
        while (!b.attempted.isEmpty() && !b.attempted.peekFirst().isAfter(horizon)) {
            b.attempted.pollFirst();
        }
        b.attempted.addLast(now);
        b.maxAttempted = Math.max(b.maxAttempted, b.attempted.size());
        long day = now.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        if (day != b.day) {
            b.day = day;
            b.dailyCount = 0;
        }
        if (b.accepted.size() >= limit || b.dailyCount >= dailyLimit) {
            tooMany++;
            return new Decision(false, limit, Math.max(0, limit - b.accepted.size()), window.toMillis(), dailyLimit,
                    Math.max(0, dailyLimit - b.dailyCount));
        }
        b.accepted.addLast(now);
        b.dailyCount++;
        return new Decision(true, limit, limit - b.accepted.size(), window.toMillis(), dailyLimit,
                dailyLimit - b.dailyCount);
    }

    synchronized long tooMany() {
        return tooMany;
    }

    synchronized Map<String, Integer> maxByResource() {
        Map<String, Integer> out = new TreeMap<>();
        buckets.forEach((k, v) -> out.put(k, v.maxAttempted));
        return out;
    }

    synchronized void reset() {
        buckets.clear();
        tooMany = 0;
    }
}

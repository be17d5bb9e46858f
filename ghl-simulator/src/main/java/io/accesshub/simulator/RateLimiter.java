package io.accesshub.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        long tooMany;
        /** Every accepted call, in arrival order: what tests check sliding windows against. */
        final List<Instant> acceptedLog = new ArrayList<>();
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
            b.tooMany++;
            return new Decision(false, limit, Math.max(0, limit - b.accepted.size()), window.toMillis(), dailyLimit,
                    Math.max(0, dailyLimit - b.dailyCount));
        }
        b.accepted.addLast(now);
        b.acceptedLog.add(now);
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

    /** The instants of every call accepted for a resource, oldest first. */
    synchronized List<Instant> accepted(String resource) {
        Bucket b = buckets.get(resource);
        return b == null ? List.of() : List.copyOf(b.acceptedLog);
    }

    /** 429s answered for a resource. */
    synchronized long tooMany(String resource) {
        Bucket b = buckets.get(resource);
        return b == null ? 0 : b.tooMany;
    }

    /** The most accepted calls of a resource within any interval shorter than {@code span} (a sliding window). */
    static int mostWithin(List<Instant> sorted, Duration span) {
        int most = 0;
        for (int start = 0, end = 0; end < sorted.size(); end++) {
            while (!sorted.get(end).isBefore(sorted.get(start).plus(span))) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }

    synchronized void reset() {
        buckets.clear();
        tooMany = 0;
    }
}

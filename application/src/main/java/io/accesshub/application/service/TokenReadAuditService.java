package io.accesshub.application.service;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.AuditTokenReadsUseCase;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.out.TokenReadAudit;
import io.accesshub.application.port.out.TokenReadAuditQuery;
import io.accesshub.application.port.out.TokenReadCount;
import io.accesshub.domain.installation.InstallationKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts token reads in memory per key, installation and minute (one map lookup and one adder increment per read)
 * and writes them in one batch per flush, so the audit keeps up with tens of thousands of reads a second and a
 * {@code kill -9} loses at most one flush interval. A failed write keeps the counts for the next flush, up to a
 * bound; past it the oldest are dropped rather than exhausting memory during a long database outage.
 */
public final class TokenReadAuditService implements AuditTokenReadsUseCase {

    /** How many distinct (key, installation, minute) counts are held in memory at most. */
    static final int MAX_PENDING = 200_000;
    private static final int PURGE_BATCH = 5_000;
    private static final int MAX_PURGE_BATCHES = 100;

    private record Slot(String keyName, InstallationKey installation, Instant minute) {
    }

    private final TokenReadAudit audit;
    private final Clock clock;
    private final Duration retention;
    private final boolean enabled;
    private final ConcurrentHashMap<Slot, LongAdder> pending = new ConcurrentHashMap<>();
    private final Object flushing = new Object();

    public TokenReadAuditService(TokenReadAudit audit, Clock clock, Duration retention, boolean enabled) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the token-read audit retention must be at least a minute");
        }
        this.enabled = enabled;
    }

    /** Counts one token handed to this caller. */
    public void recordRead(Caller caller, InstallationKey installation) {
        if (!enabled) {
            return;
        }
        Slot slot = new Slot(caller.name(), installation, clock.instant().truncatedTo(ChronoUnit.MINUTES));
        LongAdder adder = pending.get(slot);
        if (adder == null) {
            if (pending.size() >= MAX_PENDING) {
                return;
            }
            adder = pending.computeIfAbsent(slot, s -> new LongAdder());
        }
        adder.increment();
    }

    @Override
    public void flush() {
        synchronized (flushing) {
            Instant stale = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
            Map<Slot, Long> taken = new java.util.HashMap<>();
            for (Map.Entry<Slot, LongAdder> entry : pending.entrySet()) {
                // sum() then add(-sum) keeps increments that race with the flush for the next one
                long reads = entry.getValue().sum();
                if (reads > 0) {
                    entry.getValue().add(-reads);
                    taken.put(entry.getKey(), reads);
                } else if (entry.getKey().minute().isBefore(stale)) {
                    pending.remove(entry.getKey(), entry.getValue());
                }
            }
            if (taken.isEmpty()) {
                return;
            }
            List<TokenReadCount> batch = new ArrayList<>(taken.size());
            taken.forEach((slot, reads) ->
                batch.add(new TokenReadCount(slot.keyName(), slot.installation(), slot.minute(), reads)));
            try {
                audit.add(batch);
            } catch (RuntimeException failed) {
                taken.forEach((slot, reads) -> {
                    LongAdder adder = pending.get(slot);
                    if (adder == null && pending.size() < MAX_PENDING) {
                        adder = pending.computeIfAbsent(slot, s -> new LongAdder());
                    }
                    if (adder != null) {
                        adder.add(reads);
                    }
                });
                throw failed;
            }
        }
    }

    @Override
    public Page<TokenReadCount> find(TokenReadAuditQuery query, PageRequest page) {
        return audit.find(query, page);
    }

    @Override
    public int purgeExpired() {
        Instant before = clock.instant().minus(retention).truncatedTo(ChronoUnit.MINUTES);
        int total = 0;
        for (int i = 0; i < MAX_PURGE_BATCHES; i++) {
            int purged = audit.purgeBefore(before, PURGE_BATCH);
            total += purged;
            if (purged < PURGE_BATCH) {
                break;
            }
        }
        return total;
    }

    /** How many counts wait in memory for the next flush. */
    public int pendingCounts() {
        return pending.size();
    }
}

package io.accesshub.application.service;

import io.accesshub.application.port.in.PurgeConsoleAuditUseCase;
import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.domain.console.ConsoleAuditRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the console audit to its retention ({@link ConsoleAuditRetention}): entries older than it are deleted oldest
 * first in batches of {@value #BATCH}, so no statement holds many locks, and at most {@value #MAX_BATCHES} batches a
 * run, so one run stays short even after a long pause (the next run goes on).
 */
public final class ConsoleAuditRetentionService implements PurgeConsoleAuditUseCase {

    static final int BATCH = 1_000;
    static final int MAX_BATCHES = 100;

    private final ConsoleAuditLog audit;
    private final Clock clock;
    private final ConsoleAuditRetention retention;

    public ConsoleAuditRetentionService(ConsoleAuditLog audit, Clock clock, ConsoleAuditRetention retention) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public int purgeExpired() {
        Instant before = retention.cutoff(clock.instant());
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int purged = audit.purgeBefore(before, BATCH);
            total += purged;
            if (purged < BATCH) {
                break;
            }
        }
        return total;
    }
}

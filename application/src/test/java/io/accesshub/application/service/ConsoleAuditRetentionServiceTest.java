package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.fakes.InMemoryConsoleAuditLog;
import io.accesshub.application.fakes.MovableClock;
import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.domain.console.ConsoleAction;
import io.accesshub.domain.console.ConsoleAuditEntry;
import io.accesshub.domain.console.ConsoleAuditRetention;
import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console audit keeps entries for the retention, measured on the service's clock, and purges in batches. */
class ConsoleAuditRetentionServiceTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryConsoleAuditLog audit = new InMemoryConsoleAuditLog();
    private final ConsoleAuditRetentionService service = new ConsoleAuditRetentionService(audit, clock,
        new ConsoleAuditRetention(Duration.ofDays(30)));

    private void record(Instant at, String outcome) {
        audit.record(new ConsoleAuditEntry(at, "ops", ConsoleAction.SIGN_IN, "", outcome));
    }

    @Test
    void anEntryIsKeptForTheRetentionAndPurgedOnceItIsOlder() {
        record(START, "first");
        record(START.plus(Duration.ofDays(10)), "second");

        clock.advance(Duration.ofDays(30));
        assertThat(service.purgeExpired()).as("exactly the retention old: kept").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(service.purgeExpired()).isEqualTo(1);
        assertThat(audit.recent(10)).extracting(ConsoleAuditEntry::outcome).containsExactly("second");

        clock.advance(Duration.ofDays(10));
        assertThat(service.purgeExpired()).isEqualTo(1);
        assertThat(audit.recent(10)).isEmpty();
    }

    @Test
    void manyExpiredEntriesArePurgedInBatchesUntilABatchComesBackShort() {
        List<Integer> limits = new ArrayList<>();
        InMemoryConsoleAuditLog stored = new InMemoryConsoleAuditLog();
        ConsoleAuditLog counting = new ConsoleAuditLog() {
            @Override
            public void record(ConsoleAuditEntry entry) {
                stored.record(entry);
            }

            @Override
            public List<ConsoleAuditEntry> recent(int limit) {
                return stored.recent(limit);
            }

            @Override
            public int purgeBefore(Instant before, int limit) {
                limits.add(limit);
                return stored.purgeBefore(before, limit);
            }
        };
        int expired = ConsoleAuditRetentionService.BATCH * 2 + 5;
        for (int i = 0; i < expired; i++) {
            counting.record(new ConsoleAuditEntry(START.plusSeconds(i), "ops", ConsoleAction.SIGN_IN, "", "old"));
        }
        counting.record(new ConsoleAuditEntry(START.plus(Duration.ofDays(40)), "ops", ConsoleAction.SIGN_IN, "",
            "new"));
        clock.advance(Duration.ofDays(45));

        int purged = new ConsoleAuditRetentionService(counting, clock, new ConsoleAuditRetention(Duration.ofDays(30)))
            .purgeExpired();

        assertThat(purged).isEqualTo(expired);
        assertThat(limits).containsExactly(ConsoleAuditRetentionService.BATCH, ConsoleAuditRetentionService.BATCH,
            ConsoleAuditRetentionService.BATCH);
        assertThat(counting.recent(10)).extracting(ConsoleAuditEntry::outcome).containsExactly("new");
    }

    @Test
    void aRetentionShorterThanADayOrLongerThanTenYearsIsRefused() {
        assertThatThrownBy(() -> new ConsoleAuditRetention(Duration.ofHours(23))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new ConsoleAuditRetention(Duration.ofDays(3654))).isInstanceOf(DomainException.class);
        assertThat(ConsoleAuditRetention.DEFAULT.value()).isEqualTo(Duration.ofDays(90));
    }
}

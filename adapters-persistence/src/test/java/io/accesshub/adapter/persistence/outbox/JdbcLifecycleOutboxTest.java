package io.accesshub.adapter.persistence.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.LifecycleOutbox.OutboxEntry;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle outbox on the real database: atomic with the change, claimed once at a time, oldest first. */
class JdbcLifecycleOutboxTest {

    private final InstallationEventPublisher publisher = SharedContext.bean(InstallationEventPublisher.class);
    private final LifecycleOutbox outbox = SharedContext.bean(LifecycleOutbox.class);
    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);
    private final JdbcOperations jdbc = SharedContext.bean(JdbcOperations.class);

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    private static InstallationEvent event(InstallationEventType type, boolean location) {
        InstallationKey key = location
            ? InstallationKey.forLocation(TestIds.appId(), TestIds.companyId(), TestIds.locationId())
            : InstallationKey.forCompany(TestIds.appId(), TestIds.companyId());
        return new InstallationEvent(type, TestIds.installationId(), key, InstallationStatus.ACTIVE,
            StateReason.GRANT_MINTED, Instant.parse("2026-11-26T01:02:03.456789Z"));
    }

    private void expireLeases() {
        transactions.runInTransaction(() -> jdbc.prepareStatement(
            "UPDATE lifecycle_outbox SET lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)"
                + " WHERE lease_until IS NOT NULL", ps -> ps.executeUpdate()));
    }

    @Test
    void aPublishedEventComesBackWhole() {
        InstallationEvent location = event(InstallationEventType.ACTIVATED, true);
        InstallationEvent company = event(InstallationEventType.UNINSTALLED, false);
        transactions.runInTransaction(() -> publisher.publish(List.of(location, company)));

        List<OutboxEntry> claimed = outbox.claim(10, Duration.ofSeconds(30));

        assertThat(claimed).extracting(OutboxEntry::event).containsExactly(location, company);
        assertThat(claimed).extracting(OutboxEntry::attempts).containsOnly(1);
    }

    @Test
    void eventsOfARolledBackChangeDoNotExist() {
        assertThatThrownBy(() -> transactions.runInTransaction(() -> {
            publisher.publish(List.of(event(InstallationEventType.INSTALLED, true)));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(outbox.claim(10, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aLeasedEventHoldsBackEveryClaimAndAFailedOneComesBackFirstWithItsAttemptCounted() {
        transactions.runInTransaction(() -> publisher.publish(List.of(event(InstallationEventType.INSTALLED, true),
            event(InstallationEventType.ACTIVATED, true), event(InstallationEventType.RECOVERED, true))));
        List<OutboxEntry> first = outbox.claim(1, Duration.ofSeconds(30));
        assertThat(first).hasSize(1);
        assertThat(outbox.claim(10, Duration.ofSeconds(30))).as("held back while the first is leased").isEmpty();

        outbox.delivered(first);
        List<OutboxEntry> next = outbox.claim(10, Duration.ofSeconds(30));
        assertThat(next).hasSize(2);
        outbox.failed(next.get(0), "com.example.ListenerDown");
        outbox.release(next.subList(1, 2));
        assertThat(outbox.claim(10, Duration.ofSeconds(30))).as("the failed event waits out its lease").isEmpty();

        expireLeases();
        List<OutboxEntry> again = outbox.claim(10, Duration.ofSeconds(30));

        assertThat(again).extracting(OutboxEntry::id).containsExactly(next.get(0).id(), next.get(1).id());
        assertThat(again).extracting(OutboxEntry::attempts).containsExactly(2, 1);
    }

    @Test
    void aParkedEventIsNeverClaimedAgainAndKeepsItsFailure() {
        transactions.runInTransaction(() -> publisher.publish(List.of(event(InstallationEventType.NEEDS_REAUTH, true))));
        OutboxEntry entry = outbox.claim(1, Duration.ofSeconds(30)).get(0);

        outbox.park(entry, "com.example.ListenerBug");
        expireLeases();

        assertThat(outbox.claim(10, Duration.ofSeconds(30))).isEmpty();
        String failure = transactions.inTransaction(() -> jdbc.prepareStatement(
            "SELECT last_failure FROM lifecycle_outbox WHERE parked = TRUE", ps -> {
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }));
        assertThat(failure).isEqualTo("com.example.ListenerBug");
    }

    @Test
    void purgingRemovesOnlyOldDeliveredEvents() {
        transactions.runInTransaction(() -> publisher.publish(List.of(event(InstallationEventType.INSTALLED, true),
            event(InstallationEventType.ACTIVATED, true), event(InstallationEventType.NEEDS_REAUTH, true),
            event(InstallationEventType.RECOVERED, true))));
        List<OutboxEntry> claimed = outbox.claim(3, Duration.ofSeconds(30));
        outbox.delivered(claimed.subList(0, 2));
        outbox.park(claimed.get(2), "com.example.ListenerBug");
        // the first delivered one, the parked one and the undelivered one happened ten days ago, the other just now
        transactions.runInTransaction(() -> jdbc.prepareStatement("UPDATE lifecycle_outbox SET occurred_at ="
            + " IF(id IN (?, ?, ?), DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 10 DAY), UTC_TIMESTAMP(6))", ps -> {
                ps.setLong(1, claimed.get(0).id());
                ps.setLong(2, claimed.get(2).id());
                ps.setLong(3, claimed.get(2).id() + 1);
                return ps.executeUpdate();
            }));

        assertThat(outbox.purgeDelivered(Duration.ofDays(7), 100)).isEqualTo(1);

        List<Long> remaining = transactions.inTransaction(() -> jdbc.prepareStatement(
            "SELECT id FROM lifecycle_outbox ORDER BY id", ps -> {
                List<Long> ids = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }));
        assertThat(remaining).containsExactly(claimed.get(1).id(), claimed.get(2).id(), claimed.get(2).id() + 1);
    }

    @Test
    void concurrentDispatchersDeliverEveryEventExactlyOnceInOrder() throws Exception {
        List<InstallationEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event(InstallationEventType.ACTIVATED, true));
        }
        transactions.runInTransaction(() -> publisher.publish(events));
        List<Long> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> dispatchers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                dispatchers.add(() -> {
                    for (int round = 0; round < 2_000 && delivered.size() < 200; round++) {
                        List<OutboxEntry> batch = outbox.claim(15, Duration.ofSeconds(30));
                        batch.forEach(e -> delivered.add(e.id()));
                        outbox.delivered(batch);
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(dispatchers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivered).hasSize(200).doesNotHaveDuplicates();
        assertThat(outbox.claim(10, Duration.ofSeconds(30))).isEmpty();
    }
}

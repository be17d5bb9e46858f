package io.accesshub.adapter.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.port.out.WebhookInbox.InboundWebhook;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many concurrent deliveries, a third of them duplicates, on the real database: each webhookId stored and won once. */
class JdbcWebhookInboxGroupCommitTest {

    private final WebhookInbox inbox = SharedContext.bean(WebhookInbox.class);

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    private static InboundWebhook event(String id) {
        return new InboundWebhook(id, Optional.of(MarketplaceAppId.of("app1")),
            Optional.of(Instant.parse("2026-11-26T00:00:00Z")), Instant.parse("2026-11-26T00:00:01Z"),
            new MarketplaceEvent.Install(CompanyId.of("c-1"), Optional.of(LocationId.of("l-" + id)), Optional.empty()));
    }

    @Test
    void aValueTheColumnCannotHoldFailsTheStoreInsteadOfBeingStoredChanged() {
        InboundWebhook tooLong = new InboundWebhook("bad-type", Optional.of(MarketplaceAppId.of("app1")),
            Optional.empty(), Instant.parse("2026-11-26T00:00:01Z"),
            new MarketplaceEvent.Other("T".repeat(65), Optional.empty(), Optional.empty(), "{}"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inbox.store(tooLong))
            .isInstanceOf(RuntimeException.class);
        assertThat(inbox.count()).isZero();
        assertThat(inbox.store(event("good-after-bad"))).isTrue();
    }

    @Test
    void concurrentStoresKeepEveryEventOnceAndReportEachAsNewExactlyOnce() throws Exception {
        int threads = 24;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(() -> {
                    int stored = 0;
                    for (int i = 0; i < perThread; i++) {
                        // every third event is also sent by the neighbouring thread
                        String id = i % 3 == 0 ? "shared-" + ((thread / 2) * perThread + i) : "own-" + thread + "-" + i;
                        stored += inbox.store(event(id)) ? 1 : 0;
                    }
                    return stored;
                });
            }
            int reportedStored = 0;
            for (Future<Integer> f : pool.invokeAll(senders)) {
                reportedStored += f.get();
            }
            int distinct = threads * perThread - (threads / 2) * (perThread / 3);

            assertThat(inbox.count()).isEqualTo(distinct);
            assertThat(reportedStored).isEqualTo(distinct);
            assertThat(inbox.store(event("own-0-1"))).as("a later duplicate").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}

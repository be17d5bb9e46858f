package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.domain.webhook.WebhookRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retention deletes in bounded batches until a batch comes back short. */
class HistoryRetentionServiceTest {

    /** Answers purge calls from a script and records their arguments. */
    private static final class ScriptedPurges implements WebhookInbox, LifecycleOutbox {
        final Deque<Integer> inboxAnswers = new ArrayDeque<>();
        final Deque<Integer> outboxAnswers = new ArrayDeque<>();
        final Deque<Integer> idAnswers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public int purgeDone(Duration olderThan, int limit) {
            calls.add("inbox " + olderThan + " " + limit);
            return inboxAnswers.pop();
        }

        @Override
        public int purgeDelivered(Duration olderThan, int limit) {
            calls.add("outbox " + olderThan + " " + limit);
            return outboxAnswers.pop();
        }

        @Override
        public int forgetIds(Duration olderThan, int limit) {
            calls.add("ids " + olderThan + " " + limit);
            return idAnswers.pop();
        }

        @Override
        public boolean store(InboundWebhook event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<InboxEvent> claimNext(String owner, Duration lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markDone(InboxEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markFailed(InboxEvent event, String error, Instant retryAt, boolean dead) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countByStatus(String status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeadLetter> deadLetters(long offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replay(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<OutboxEntry> claim(int limit, Duration lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delivered(List<OutboxEntry> entries) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void failed(OutboxEntry entry, String failure) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(List<OutboxEntry> entries) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void park(OutboxEntry entry, String failure) {
            throw new UnsupportedOperationException();
        }
    }

    private final ScriptedPurges store = new ScriptedPurges();

    @Test
    void keepsDeletingWhileBatchesComeBackFullAndForgetsIdsOnlyAfterTheLongerIdRetention() {
        store.inboxAnswers.addAll(List.of(1_000, 1_000, 17));
        store.outboxAnswers.add(3);
        store.idAnswers.addAll(List.of(1_000, 5));

        long deleted = new HistoryRetentionService(store, store,
            new WebhookRetention(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(2))).purge();

        assertThat(deleted).isEqualTo(3_025);
        assertThat(store.calls).containsExactly("inbox PT168H 1000", "inbox PT168H 1000", "inbox PT168H 1000",
            "outbox PT168H 1000", "ids PT720H 1000", "ids PT720H 1000");
    }
}

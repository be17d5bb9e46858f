package io.accesshub.adapter.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.webhook.GroupCommitter.GroupCommitUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callers queued while the writer is busy share the next batch; a bad item fails alone; nobody waits unbounded. */
class GroupCommitterTest {

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(40);
    private GroupCommitter<String, String> committer;

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
        if (committer != null) {
            committer.close();
        }
    }

    /** Writes "ok:item"; the first batch blocks until released; a batch holding "bad" fails as a whole. */
    private List<String> write(List<String> items) {
        batches.add(List.copyOf(items));
        if (batches.size() == 1) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (items.contains("bad")) {
            throw new IllegalStateException("constraint violated");
        }
        return items.stream().map(i -> "ok:" + i).toList();
    }

    private void awaitQueued(int count) throws InterruptedException {
        for (int i = 0; i < 3_000 && committer.queued() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(committer.queued()).isEqualTo(count);
    }

    @Test
    void callersThatQueueWhileTheWriterIsBusyShareOneBatchAndEachGetsItsOwnResult() throws Exception {
        committer = new GroupCommitter<>("test-writer", 100, 1_000, Duration.ofSeconds(30), this::write);
        Future<String> first = callers.submit(() -> committer.submit("first"));
        for (int i = 0; i < 200 && batches.isEmpty(); i++) {
            Thread.sleep(10);
        }
        List<Future<String>> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String item = "item-" + i;
            others.add(callers.submit(() -> committer.submit(item)));
        }
        awaitQueued(30);

        release.countDown();

        assertThat(first.get()).isEqualTo("ok:first");
        for (int i = 0; i < 30; i++) {
            assertThat(others.get(i).get()).isEqualTo("ok:item-" + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(30);
    }

    @Test
    void aBadItemFailsAloneAndItsBatchMatesAreWritten() throws Exception {
        committer = new GroupCommitter<>("test-writer", 100, 1_000, Duration.ofSeconds(30), this::write);
        release.countDown();
        Future<String> blocker = callers.submit(() -> committer.submit("warm"));
        blocker.get();
        CountDownLatch hold = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        GroupCommitter<String, String> slow = new GroupCommitter<>("test-writer-2", 100, 1_000, Duration.ofSeconds(30),
            items -> {
                taken.addAndGet(items.size());
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return write(items);
            });
        try {
            Future<String> good1 = callers.submit(() -> slow.submit("good-1"));
            Future<String> bad = callers.submit(() -> slow.submit("bad"));
            Future<String> good2 = callers.submit(() -> slow.submit("good-2"));
            // all three submitted: in the writer's first (held) batch or queued behind it, however they were split
            for (int i = 0; i < 3_000 && taken.get() + slow.queued() < 3; i++) {
                Thread.sleep(10);
            }
            hold.countDown();

            assertThat(List.of(good1.get(), good2.get())).containsExactlyInAnyOrder("ok:good-1", "ok:good-2");
            assertThatThrownBy(bad::get).hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            slow.close();
        }
    }

    @Test
    void aCallerWaitsNoLongerThanTheBoundAndAFullQueueFailsAtOnce() throws Exception {
        committer = new GroupCommitter<>("test-writer", 1, 1, Duration.ofMillis(200), this::write);
        Future<String> stuck = callers.submit(() -> committer.submit("first"));
        for (int i = 0; i < 200 && batches.isEmpty(); i++) {
            Thread.sleep(10);
        }
        Future<String> queued = callers.submit(() -> committer.submit("second"));
        awaitQueued(1);

        assertThatThrownBy(() -> committer.submit("third")).isInstanceOf(GroupCommitUnavailableException.class)
            .hasMessageContaining("full");
        assertThatThrownBy(stuck::get).hasCauseInstanceOf(GroupCommitUnavailableException.class);
        assertThatThrownBy(queued::get).hasCauseInstanceOf(GroupCommitUnavailableException.class);
    }
}

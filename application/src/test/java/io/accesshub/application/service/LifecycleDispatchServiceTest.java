package io.accesshub.application.service;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.LifecycleRelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.port.out.LifecycleEventListener;
import io.accesshub.application.port.out.LifecycleOutbox;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Lifecycle events reach every listener at least once, in order, and a poisonous event is parked. */
class LifecycleDispatchServiceTest {

    /** An outbox in memory with the JDBC outbox's rules; an expired lease is simulated by {@link #expireLeases()}. */
    private static final class MemoryOutbox implements LifecycleOutbox {
        final TreeMap<Long, InstallationEvent> pending = new TreeMap<>();
        final Map<Long, Integer> failures = new HashMap<>();
        final Set<Long> leased = new java.util.HashSet<>();
        final Map<Long, String> parked = new HashMap<>();

        void add(long id, InstallationEvent event) {
            pending.put(id, event);
        }

        void expireLeases() {
            leased.clear();
        }

        @Override
        public List<OutboxEntry> claim(int limit, Duration lease) {
            if (!leased.isEmpty()) {
                return List.of();
            }
            List<OutboxEntry> claimed = new ArrayList<>();
            for (Map.Entry<Long, InstallationEvent> e : pending.entrySet()) {
                if (claimed.size() == limit) {
                    break;
                }
                leased.add(e.getKey());
                claimed.add(new OutboxEntry(e.getKey(), e.getValue(), failures.getOrDefault(e.getKey(), 0) + 1));
            }
            return claimed;
        }

        @Override
        public void delivered(List<OutboxEntry> entries) {
            entries.forEach(e -> {
                pending.remove(e.id());
                leased.remove(e.id());
            });
        }

        @Override
        public void failed(OutboxEntry entry, String failure) {
            failures.merge(entry.id(), 1, Integer::sum);
        }

        @Override
        public void release(List<OutboxEntry> entries) {
            entries.forEach(e -> leased.remove(e.id()));
        }

        @Override
        public int purgeDelivered(Duration olderThan, int limit) {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }

        @Override
        public void park(OutboxEntry entry, String failure) {
            pending.remove(entry.id());
            leased.remove(entry.id());
            parked.put(entry.id(), failure);
        }
    }

    private static InstallationEvent event(InstallationEventType type) {
        return new InstallationEvent(type, TestIds.installationId(),
            InstallationKey.forLocation(TestIds.appId(), TestIds.companyId(), TestIds.locationId()),
            InstallationStatus.ACTIVE, StateReason.GRANT_ISSUED, TestTimes.NOW);
    }

    private final MemoryOutbox outbox = new MemoryOutbox();

    @Test
    void everyListenerGetsEveryEventOnceInOrderAndTheBatchIsAcknowledged() {
        List<InstallationEvent> first = new ArrayList<>();
        List<InstallationEvent> second = new ArrayList<>();
        InstallationEvent installed = event(InstallationEventType.INSTALLED);
        InstallationEvent activated = event(InstallationEventType.ACTIVATED);
        outbox.add(1, installed);
        outbox.add(2, activated);
        LifecycleDispatchService dispatch = new LifecycleDispatchService(outbox,
            List.<LifecycleEventListener>of(first::add, second::add), 10, Duration.ofSeconds(30), 3);

        assertThat(dispatch.dispatchBatch()).isEqualTo(2);
        assertThat(dispatch.dispatchBatch()).isZero();

        assertThat(first).containsExactly(installed, activated);
        assertThat(second).containsExactly(installed, activated);
        assertThat(outbox.pending).isEmpty();
    }

    @Test
    void theRelayTakesTheBatchBeforeAnyListenerAndAFailureThereReleasesItWhole() {
        InstallationEvent installed = event(InstallationEventType.INSTALLED);
        InstallationEvent activated = event(InstallationEventType.ACTIVATED);
        outbox.add(7, installed);
        outbox.add(9, activated);
        List<String> order = new ArrayList<>();
        boolean[] relayDown = {true};
        LifecycleRelay relay = entries -> {
            if (relayDown[0]) {
                throw new IllegalStateException("database down");
            }
            entries.forEach(e -> order.add("relay " + e.id()));
        };
        LifecycleDispatchService dispatch = new LifecycleDispatchService(outbox,
            List.<LifecycleEventListener>of(e -> order.add("listener " + e.type())), 10, Duration.ofSeconds(30), 3,
            HubMetrics.NOOP, relay);

        assertThatThrownBy(dispatch::dispatchBatch).hasMessageContaining("database down");
        assertThat(order).isEmpty();
        assertThat(outbox.pending).containsOnlyKeys(7L, 9L);
        assertThat(outbox.leased).isEmpty();

        relayDown[0] = false;
        assertThat(dispatch.dispatchBatch()).isEqualTo(2);
        assertThat(order).containsExactly("relay 7", "relay 9", "listener INSTALLED", "listener ACTIVATED");
        assertThat(outbox.pending).isEmpty();
    }

    @Test
    void aFailingListenerAcknowledgesTheEventsBeforeItAndGetsTheRestAgainInOrderAfterTheLease() {
        InstallationEvent a = event(InstallationEventType.INSTALLED);
        InstallationEvent b = event(InstallationEventType.ACTIVATED);
        InstallationEvent c = event(InstallationEventType.UNINSTALLED);
        outbox.add(1, a);
        outbox.add(2, b);
        outbox.add(3, c);
        List<InstallationEvent> seen = new ArrayList<>();
        boolean[] failOnB = {true};
        LifecycleEventListener listener = event -> {
            if (event == b && failOnB[0]) {
                failOnB[0] = false;
                throw new IllegalStateException("listener down");
            }
            seen.add(event);
        };
        LifecycleDispatchService dispatch = new LifecycleDispatchService(outbox, List.of(listener), 10,
            Duration.ofSeconds(30), 3);

        assertThatThrownBy(dispatch::dispatchBatch).isInstanceOf(LifecycleDispatchService.ListenerFailedException.class)
            .hasMessageContaining("outbox event 2");
        assertThat(outbox.pending).containsOnlyKeys(2L, 3L);
        assertThat(outbox.leased).as("the failed event keeps its lease, the untried one is released").containsOnly(2L);
        assertThat(dispatch.dispatchBatch()).as("everything waits behind the failed event").isZero();

        outbox.expireLeases();
        dispatch.dispatchBatch();

        assertThat(seen).containsExactly(a, b, c);
        assertThat(outbox.pending).isEmpty();
    }

    @Test
    void anEventThatKeepsFailingIsParkedAfterMaxAttemptsAndTheRestFlows() {
        InstallationEvent poison = event(InstallationEventType.NEEDS_REAUTH);
        InstallationEvent fine = event(InstallationEventType.RECOVERED);
        outbox.add(1, poison);
        outbox.add(2, fine);
        List<InstallationEvent> seen = new ArrayList<>();
        LifecycleEventListener listener = event -> {
            if (event == poison) {
                throw new UnsupportedOperationException("cannot handle");
            }
            seen.add(event);
        };
        io.accesshub.application.fakes.RecordingHubMetrics metrics = new io.accesshub.application.fakes.RecordingHubMetrics();
        LifecycleDispatchService dispatch = new LifecycleDispatchService(outbox, List.of(listener), 10,
            Duration.ofSeconds(30), 3, metrics,
            LifecycleRelay.NONE);

        for (int attempt = 1; attempt < 3; attempt++) {
            assertThatThrownBy(dispatch::dispatchBatch).isInstanceOf(RuntimeException.class);
            outbox.expireLeases();
        }
        assertThat(seen).isEmpty();
        dispatch.dispatchBatch();

        assertThat(outbox.parked).containsEntry(1L, UnsupportedOperationException.class.getName());
        assertThat(seen).containsExactly(fine);
        assertThat(metrics.recorded()).as("every failed delivery is counted, by what came of it")
            .containsExactly("lifecycle failed retry", "lifecycle failed retry", "lifecycle failed parked");
        assertThat(outbox.pending).isEmpty();
    }

    @Test
    void eventsAfterAFailingOneDoNotUseUpTheirAttempts() {
        InstallationEvent poison = event(InstallationEventType.NEEDS_REAUTH);
        InstallationEvent flaky = event(InstallationEventType.RECOVERED);
        outbox.add(1, poison);
        outbox.add(2, flaky);
        boolean[] flakyFailsOnce = {true};
        List<InstallationEvent> seen = new ArrayList<>();
        LifecycleEventListener listener = event -> {
            if (event == poison) {
                throw new IllegalStateException("never works");
            }
            if (flakyFailsOnce[0]) {
                flakyFailsOnce[0] = false;
                throw new IllegalStateException("passing failure");
            }
            seen.add(event);
        };
        LifecycleDispatchService dispatch = new LifecycleDispatchService(outbox, List.of(listener), 10,
            Duration.ofSeconds(30), 3);
        for (int round = 0; round < 3; round++) {
            try {
                dispatch.dispatchBatch();
            } catch (LifecycleDispatchService.ListenerFailedException expected) {
                // retried after the lease
            }
            outbox.expireLeases();
        }
        assertThat(outbox.parked).containsOnlyKeys(1L);
        assertThat(outbox.failures).as("the flaky event failed once, in its first real attempt").containsEntry(2L, 1);
        assertThat(outbox.parked).doesNotContainKey(2L);

        dispatch.dispatchBatch();

        assertThat(seen).containsExactly(flaky);
        assertThat(outbox.pending).isEmpty();
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new LifecycleDispatchService(outbox, List.of(), 0, Duration.ofSeconds(1), 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LifecycleDispatchService(outbox, List.of(), 1, Duration.ZERO, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

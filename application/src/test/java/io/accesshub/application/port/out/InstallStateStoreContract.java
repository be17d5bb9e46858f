package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.InstallStateStore.StateConsumption;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link InstallStateStore} must do; adapters subclass it with their real store. */
public abstract class InstallStateStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123456Z");
    private static final MarketplaceAppId APP = MarketplaceAppId.of("65f0c0ffee0123456789abcd");

    protected abstract InstallStateStore newStore();

    private static String freshHash() {
        return (UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
    }

    @Test
    void aSavedStateIsConsumedOnceForItsApp() {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(hash, APP, NOW.plus(Duration.ofMinutes(10)));

        assertThat(store.consume(hash, NOW.plusSeconds(5))).isEqualTo(new StateConsumption.Consumed(APP));
        assertThat(store.consume(hash, NOW.plusSeconds(6))).isEqualTo(new StateConsumption.AlreadyUsed());
    }

    @Test
    void anUnknownStateIsUnknownAndAnExpiredOneExpired() {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(hash, APP, NOW.plus(Duration.ofMinutes(10)));

        assertThat(store.consume(freshHash(), NOW)).isEqualTo(new StateConsumption.Unknown());
        assertThat(store.consume(hash, NOW.plus(Duration.ofMinutes(10)))).isEqualTo(new StateConsumption.Expired());
        assertThat(store.consume(hash, NOW.plus(Duration.ofMinutes(11)))).isEqualTo(new StateConsumption.Expired());
    }

    @Test
    void concurrentCallbacksWithOneStateHaveExactlyOneWinner() throws Exception {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(hash, APP, NOW.plus(Duration.ofMinutes(10)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StateConsumption>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(() -> store.consume(hash, NOW.plusSeconds(1)));
            }
            long winners = 0;
            for (Future<StateConsumption> f : pool.invokeAll(attempts)) {
                if (f.get() instanceof StateConsumption.Consumed) {
                    winners++;
                }
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.out.InstallStateStore.PendingInstall;
import io.accesshub.application.port.out.InstallStateStore.StateConsumption;
import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private static final String BROWSER = freshHash();

    protected abstract InstallStateStore newStore();

    private static String freshHash() {
        return (UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""));
    }

    private static PendingInstall pending(String hash, Optional<InstallReference> ref, Instant expiresAt) {
        return new PendingInstall(hash, APP, BROWSER, ref, expiresAt);
    }

    @Test
    void aSavedStateIsConsumedOnceForItsAppWithItsReference() {
        InstallStateStore store = newStore();
        String hash = freshHash();
        InstallReference ref = InstallReference.of("user-42/ä ✓ " + "r".repeat(188));
        store.save(pending(hash, Optional.of(ref), NOW.plus(Duration.ofMinutes(10))));

        assertThat(store.consume(hash, BROWSER, NOW.plusSeconds(5)))
            .isEqualTo(new StateConsumption.Consumed(APP, Optional.of(ref)));
        assertThat(store.consume(hash, BROWSER, NOW.plusSeconds(6))).isEqualTo(new StateConsumption.AlreadyUsed());
    }

    @Test
    void aStateWithoutReferenceIsConsumedWithout() {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(pending(hash, Optional.empty(), NOW.plus(Duration.ofMinutes(10))));

        assertThat(store.consume(hash, BROWSER, NOW)).isEqualTo(new StateConsumption.Consumed(APP, Optional.empty()));
    }

    @Test
    void aStatePresentedByAnotherBrowserIsNotConsumed() {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(pending(hash, Optional.empty(), NOW.plus(Duration.ofMinutes(10))));

        assertThat(store.consume(hash, freshHash(), NOW)).isEqualTo(new StateConsumption.OtherBrowser());
        assertThat(store.consume(hash, BROWSER, NOW.plusSeconds(1)))
            .as("still usable by the browser that started the install")
            .isEqualTo(new StateConsumption.Consumed(APP, Optional.empty()));
        assertThat(store.consume(hash, freshHash(), NOW.plusSeconds(2))).isEqualTo(new StateConsumption.OtherBrowser());
    }

    @Test
    void anUnknownStateIsUnknownAndAnExpiredOneExpired() {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(pending(hash, Optional.empty(), NOW.plus(Duration.ofMinutes(10))));

        assertThat(store.consume(freshHash(), BROWSER, NOW)).isEqualTo(new StateConsumption.Unknown());
        assertThat(store.consume(hash, BROWSER, NOW.plus(Duration.ofMinutes(10))))
            .isEqualTo(new StateConsumption.Expired());
        assertThat(store.consume(hash, BROWSER, NOW.plus(Duration.ofMinutes(11))))
            .isEqualTo(new StateConsumption.Expired());
    }

    @Test
    void purgingDeletesOnlyStatesExpiredBeforeTheCutOffOldestFirstAndAtMostTheLimit() {
        InstallStateStore store = newStore();
        Instant base = Instant.parse("2001-01-01T00:00:00Z");
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String hash = freshHash();
            old.add(hash);
            store.save(pending(hash, Optional.empty(), base.plusSeconds(i)));
        }
        String recent = freshHash();
        store.save(pending(recent, Optional.empty(), base.plus(Duration.ofHours(2))));
        Instant cutOff = base.plus(Duration.ofHours(1));

        assertThat(store.purgeExpired(cutOff, 3)).isEqualTo(3);
        assertThat(store.consume(old.get(0), BROWSER, base)).as("oldest first")
            .isEqualTo(new StateConsumption.Unknown());
        assertThat(store.consume(old.get(2), BROWSER, base)).isEqualTo(new StateConsumption.Unknown());
        assertThat(store.consume(old.get(3), BROWSER, base.plus(Duration.ofDays(1))))
            .isEqualTo(new StateConsumption.Expired());
        assertThat(store.purgeExpired(cutOff, 3)).isEqualTo(2);
        assertThat(store.purgeExpired(cutOff, 3)).isZero();
        assertThat(store.consume(recent, BROWSER, base)).as("not expired before the cut-off: kept")
            .isEqualTo(new StateConsumption.Consumed(APP, Optional.empty()));
    }

    @Test
    void concurrentCallbacksWithOneStateHaveExactlyOneWinner() throws Exception {
        InstallStateStore store = newStore();
        String hash = freshHash();
        store.save(pending(hash, Optional.empty(), NOW.plus(Duration.ofMinutes(10))));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StateConsumption>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(() -> store.consume(hash, BROWSER, NOW.plusSeconds(1)));
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

package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.console.ConsoleSession;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ConsoleSessionStore} must do; adapters subclass it with their real store. */
public abstract class ConsoleSessionStoreContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123456Z");

    protected abstract ConsoleSessionStore newStore();

    private static ConsoleSession session(Instant openedAt) {
        String hash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        return new ConsoleSession(hash, "config:ops", "ops", openedAt, openedAt);
    }

    @Test
    void anOpenedSessionIsFoundByItsHashAsItWasStored() {
        ConsoleSessionStore store = newStore();
        ConsoleSession session = session(NOW);
        store.open(session);

        assertThat(store.find(session.tokenHash())).contains(session);
        assertThat(store.find(session(NOW).tokenHash())).isEmpty();
    }

    @Test
    void touchingMovesLastSeenForwardOnlyWhileTheSessionIsNotIdle() {
        ConsoleSessionStore store = newStore();
        ConsoleSession session = session(NOW);
        store.open(session);
        Instant later = NOW.plus(Duration.ofMinutes(10));

        assertThat(store.touch(session.tokenHash(), later, later.minus(Duration.ofMinutes(30)))).isTrue();
        assertThat(store.find(session.tokenHash()).orElseThrow().lastSeenAt()).isEqualTo(later);
        assertThat(store.touch(session.tokenHash(), NOW, NOW.minus(Duration.ofMinutes(30))))
            .as("a late request never moves it back").isTrue();
        assertThat(store.find(session.tokenHash()).orElseThrow().lastSeenAt()).isEqualTo(later);

        assertThat(store.touch(session.tokenHash(), later.plus(Duration.ofMinutes(30)), later))
            .as("idle since the cut-off").isFalse();
        assertThat(store.touch(session(NOW).tokenHash(), later, NOW)).as("unknown").isFalse();
    }

    @Test
    void closingDeletesAndPurgingDeletesOnlyIdleSessionsUpToTheLimit() {
        ConsoleSessionStore store = newStore();
        ConsoleSession closed = session(NOW);
        ConsoleSession idle1 = session(NOW.minus(Duration.ofHours(2)));
        ConsoleSession idle2 = session(NOW.minus(Duration.ofHours(3)));
        ConsoleSession idle3 = session(NOW.minus(Duration.ofHours(4)));
        ConsoleSession fresh = session(NOW);
        for (ConsoleSession s : new ConsoleSession[] {closed, idle1, idle2, idle3, fresh}) {
            store.open(s);
        }

        store.close(closed.tokenHash());
        store.close(closed.tokenHash());
        assertThat(store.find(closed.tokenHash())).isEmpty();

        Instant cutOff = NOW.minus(Duration.ofHours(1));
        assertThat(store.purgeIdle(cutOff, 2)).isEqualTo(2);
        assertThat(store.purgeIdle(cutOff, 2)).isEqualTo(1);
        assertThat(store.purgeIdle(cutOff, 2)).isZero();
        assertThat(store.find(fresh.tokenHash())).isPresent();
        assertThat(store.find(idle1.tokenHash())).isEmpty();
    }
}

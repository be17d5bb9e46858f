package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.console.ConsoleAction;
import io.accesshub.domain.console.ConsoleAuditEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ConsoleAuditLog} must do; adapters subclass it with their real log. */
public abstract class ConsoleAuditLogContract {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123456Z");

    protected abstract ConsoleAuditLog newLog();

    @Test
    void entriesComeBackNewestFirstAsTheyWereRecorded() {
        ConsoleAuditLog log = newLog();
        ConsoleAuditEntry signIn = new ConsoleAuditEntry(NOW, "ops", ConsoleAction.SIGN_IN, "", "ok");
        ConsoleAuditEntry replay = new ConsoleAuditEntry(NOW.plusSeconds(5), "ops", ConsoleAction.REPLAY_DEAD_LETTER,
            "dead letter 42", "not_found");
        ConsoleAuditEntry signOut = new ConsoleAuditEntry(NOW.plusSeconds(5), "ops-ä.b_c-d", ConsoleAction.SIGN_OUT,
            "t".repeat(255), "ok");
        log.record(signIn);
        log.record(replay);
        log.record(signOut);

        assertThat(log.recent(10)).containsExactly(signOut, replay, signIn);
        assertThat(log.recent(2)).containsExactly(signOut, replay);
    }

    @Test
    void purgeDeletesOnlyEntriesBeforeTheCutoffOldestFirstAndAtMostTheLimit() {
        ConsoleAuditLog log = newLog();
        for (int day = 5; day >= 1; day--) {
            log.record(new ConsoleAuditEntry(NOW.minus(java.time.Duration.ofDays(day)), "ops", ConsoleAction.SIGN_IN,
                "", "old-" + day));
        }
        ConsoleAuditEntry atCutoff = new ConsoleAuditEntry(NOW, "ops", ConsoleAction.SIGN_OUT, "", "at-cutoff");
        ConsoleAuditEntry recent = new ConsoleAuditEntry(NOW.plusSeconds(1), "ops", ConsoleAction.SIGN_IN, "", "kept");
        log.record(atCutoff);
        log.record(recent);

        assertThat(log.purgeBefore(NOW, 2)).isEqualTo(2);
        assertThat(log.recent(10)).extracting(ConsoleAuditEntry::outcome)
            .containsExactly("kept", "at-cutoff", "old-1", "old-2", "old-3");
        assertThat(log.purgeBefore(NOW, 10)).isEqualTo(3);
        assertThat(log.purgeBefore(NOW, 10)).isZero();
        assertThat(log.recent(10)).containsExactly(recent, atCutoff);
    }
}

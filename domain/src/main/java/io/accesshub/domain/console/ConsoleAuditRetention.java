package io.accesshub.domain.console;

import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long the console audit keeps an entry: 1 day to 10 years (90 days unless configured, as the token-read audit).
 *
 * @param value the retention
 */
public record ConsoleAuditRetention(Duration value) {

    /** The default. */
    public static final ConsoleAuditRetention DEFAULT = new ConsoleAuditRetention(Duration.ofDays(90));

    public ConsoleAuditRetention {
        Objects.requireNonNull(value, "value");
        DomainException.require(value.compareTo(Duration.ofDays(1)) >= 0
                && value.compareTo(Duration.ofDays(3653)) <= 0,
            "the console audit retention must be between 1 day and 10 years");
    }

    /** Entries that happened before this instant are past retention at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.minus(value);
    }
}

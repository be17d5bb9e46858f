package io.accesshub.domain.console;

import io.accesshub.domain.shared.DomainException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a console session may sit unused before it is over: 1 minute to 24 hours (30 minutes unless configured).
 *
 * @param value the timeout
 */
public record ConsoleIdleTimeout(Duration value) {

    /** The default. */
    public static final ConsoleIdleTimeout DEFAULT = new ConsoleIdleTimeout(Duration.ofMinutes(30));

    public ConsoleIdleTimeout {
        Objects.requireNonNull(value, "value");
        DomainException.require(value.compareTo(Duration.ofMinutes(1)) >= 0 && value.compareTo(Duration.ofHours(24)) <= 0,
            "the console idle timeout must be between 1 minute and 24 hours");
    }
}

package io.accesshub.domain.proxy;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a caller lets a call wait for budget ({@code X-AccessHub-Max-Wait}): whole seconds, 10 when absent,
 * at most 60 (larger values are capped); anything else is refused.
 */
public final class MaxWait {

    /** The wait when the caller names none. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);
    /** The longest wait a caller may ask for. */
    public static final Duration CAP = Duration.ofSeconds(60);

    private MaxWait() {
    }

    /** The wait a header value asks for; empty when the value is not a whole number of seconds from 0. */
    public static Optional<Duration> parse(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        String value = header.get().trim();
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(value));
        return Optional.of(asked.compareTo(CAP) > 0 ? CAP : asked);
    }
}

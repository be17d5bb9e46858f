package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of a refresh lease must be left before a refresh token (or an agency token, for a re-mint) is sent: the
 * connect timeout, the read timeout and the time to store the answer. A holder never sends on a shorter lease, so
 * no other instance can take the lease while the answer may still arrive.
 */
public record LeaseBudget(Duration connectTimeout, Duration readTimeout, Duration completion) {

    public LeaseBudget {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(completion, "completion");
        DomainException.require(!connectTimeout.isNegative() && !readTimeout.isNegative() && !completion.isNegative(),
                "lease budget parts must not be negative");
    }

    /** The lease time one send needs. */
    public Duration perSend() {
        return connectTimeout.plus(readTimeout).plus(completion);
    }

    /** Whether a lease with {@code remaining} left may be used to send. */
    public boolean allowsSend(Duration remaining) {
        Objects.requireNonNull(remaining, "remaining");
        return remaining.compareTo(perSend()) >= 0;
    }
}

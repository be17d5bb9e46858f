package io.accesshub.domain.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A service outside the hub that receives lifecycle events: where they go, which it receives, whether they are sent
 * now, and its failures since its last successful delivery. Its signing secrets are kept apart (never in this value).
 *
 * @param secretOverlapUntil while a rotated-out secret still signs deliveries beside the new one; empty without one
 */
public record RelaySubscription(SubscriptionId id, String url, RelayFilter filter, String description,
                                SubscriptionState state, Instant createdAt, Instant stateChangedAt,
                                FailureStreak failures, Optional<Instant> secretOverlapUntil) {

    /** The longest description kept. */
    public static final int MAX_DESCRIPTION_LENGTH = 200;

    public RelaySubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(stateChangedAt, "stateChangedAt");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(secretOverlapUntil, "secretOverlapUntil");
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("a description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
    }

    /** A new, active subscription. */
    public static RelaySubscription create(SubscriptionId id, String url, RelayFilter filter, String description,
                                           Instant now) {
        return new RelaySubscription(id, url, filter, description, SubscriptionState.ACTIVE, now, now,
            FailureStreak.NONE, Optional.empty());
    }

    /** The same subscription in another state, changed at {@code now}; a resumed subscription starts a new streak. */
    public RelaySubscription withState(SubscriptionState next, Instant now) {
        FailureStreak streak = next == SubscriptionState.ACTIVE ? FailureStreak.NONE : failures;
        return new RelaySubscription(id, url, filter, description, next, createdAt, now, streak, secretOverlapUntil);
    }

    /** Whether the rotated-out secret still signs deliveries at {@code now}. */
    public boolean inSecretOverlap(Instant now) {
        return secretOverlapUntil.map(now::isBefore).orElse(false);
    }
}

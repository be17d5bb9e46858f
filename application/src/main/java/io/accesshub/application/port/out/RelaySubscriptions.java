package io.accesshub.application.port.out;

import io.accesshub.domain.relay.FailureStreak;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The relay's subscriptions with their signing secrets; secrets are stored encrypted and read back only to sign
 * deliveries.
 */
public interface RelaySubscriptions {

    /** Stores a new subscription with its first secret. */
    void add(RelaySubscription subscription, String secret);

    /** The subscription with this id, if it exists. */
    Optional<RelaySubscription> find(SubscriptionId id);

    /** Every subscription, oldest first. */
    List<RelaySubscription> all();

    /**
     * Moves a subscription to {@code state} at {@code now} (a move to {@code ACTIVE} clears its failure streak);
     * returns the subscription as stored, empty when it does not exist.
     */
    Optional<RelaySubscription> changeState(SubscriptionId id, SubscriptionState state, Instant now);

    /** Pauses an {@code ACTIVE} subscription automatically at {@code now}; false when it was not active (or is gone). */
    boolean autoPause(SubscriptionId id, Instant now);

    /** Counts a failed attempt at {@code now} into the subscription's streak atomically; returns the new streak. */
    FailureStreak recordFailure(SubscriptionId id, Instant now);

    /** Ends the subscription's failure streak (a delivery succeeded). */
    void recordSuccess(SubscriptionId id);

    /**
     * Makes {@code secret} the subscription's secret; the secret it replaces keeps signing until
     * {@code overlapUntil} (a secret rotated out earlier is dropped). False when the subscription does not exist.
     */
    boolean rotateSecret(SubscriptionId id, String secret, Instant overlapUntil);

    /** The secrets that sign a delivery at {@code now}: the current one, then the rotated-out one during its overlap. */
    List<String> signingSecrets(SubscriptionId id, Instant now);

    /** Deletes a subscription with its deliveries and attempts; false when it did not exist. */
    boolean delete(SubscriptionId id);
}

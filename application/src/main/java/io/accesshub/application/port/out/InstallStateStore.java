package io.accesshub.application.port.out;

import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;

/**
 * Keeps the OAuth {@code state} of installs started by the hub: stored only as a hash, single use, with an expiry,
 * consumed atomically so that two callbacks with the same state cannot both succeed.
 */
public interface InstallStateStore {

    /** Stores a new state (its SHA-256) for this app until {@code expiresAt}. */
    void save(String stateHash, MarketplaceAppId app, Instant expiresAt);

    /** Marks the state used if it is known, unused and unexpired at {@code now}, and says what it found. */
    StateConsumption consume(String stateHash, Instant now);

    /** What consuming a state found. */
    sealed interface StateConsumption {
        /** The state was valid and is now used. */
        record Consumed(MarketplaceAppId app) implements StateConsumption {
        }

        /** No such state. */
        record Unknown() implements StateConsumption {
        }

        /** The state is past its expiry. */
        record Expired() implements StateConsumption {
        }

        /** The state was used before (a replayed callback). */
        record AlreadyUsed() implements StateConsumption {
        }
    }
}

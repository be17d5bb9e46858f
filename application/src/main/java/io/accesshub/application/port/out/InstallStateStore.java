package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the OAuth {@code state} of installs started by the hub: stored only as a hash, bound to the browser that
 * started the install (the hash of its install cookie's value), single use, with an expiry, consumed atomically so
 * that two callbacks with the same state cannot both succeed.
 */
public interface InstallStateStore {

    /** Stores a new pending install. */
    void save(PendingInstall pending);

    /**
     * Marks the state used if it is known, was issued to {@code browserHash}, unused and unexpired at {@code now}, and
     * says what it found; a state of another browser is left untouched.
     */
    StateConsumption consume(String stateHash, String browserHash, Instant now);

    /**
     * Deletes at most {@code limit} states that expired before {@code expiredBefore}, oldest first (by the expiry
     * index); returns how many it deleted.
     */
    int purgeExpired(Instant expiredBefore, int limit);

    /** An install the hub started: SHA-256 (hex) of the state and of the browser binding, app, reference, expiry. */
    record PendingInstall(String stateHash, MarketplaceAppId app, String browserHash, Optional<InstallReference> ref,
                          Instant expiresAt) {
        public PendingInstall {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(browserHash, "browserHash");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** What consuming a state found. */
    sealed interface StateConsumption {
        /** The state was valid and is now used. */
        record Consumed(MarketplaceAppId app, Optional<InstallReference> ref) implements StateConsumption {
        }

        /** No such state. */
        record Unknown() implements StateConsumption {
        }

        /** The state was issued to another browser; it was not consumed. */
        record OtherBrowser() implements StateConsumption {
        }

        /** The state is past its expiry. */
        record Expired() implements StateConsumption {
        }

        /** The state was used before (a replayed callback). */
        record AlreadyUsed() implements StateConsumption {
        }
    }
}

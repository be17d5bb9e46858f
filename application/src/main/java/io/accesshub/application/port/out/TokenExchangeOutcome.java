package io.accesshub.application.port.out;

import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What HighLevel answered to a code exchange, a refresh or a location-token mint, classified so that callers can
 * decide without knowing HighLevel's wire format. Details never contain a token, code or secret.
 */
public sealed interface TokenExchangeOutcome {

    /** A new pair was issued. */
    record Issued(IssuedTokens tokens, GrantedTo grantedTo) implements TokenExchangeOutcome {
        public Issued {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(grantedTo, "grantedTo");
        }
    }

    /** {@code invalid_grant}: the code or refresh token is not (or no longer) accepted. */
    record InvalidGrant(String detail) implements TokenExchangeOutcome {
    }

    /** {@code Location is not active}: paused billing or a disabled location; the refresh token stays good. */
    record LocationNotActive() implements TokenExchangeOutcome {
    }

    /** Nothing was spent: 5xx, 429, a refused connection or a timeout before the request was written. */
    record Transient(Optional<Duration> retryAfter, String cause) implements TokenExchangeOutcome {
        public Transient {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** The request was sent but no usable answer came back: the credential may have been spent. */
    record Uncertain(String cause) implements TokenExchangeOutcome {
    }

    /**
     * The app's client credentials were refused ({@code invalid_client}): the app is misconfigured (a wrong or rotated
     * client secret); no token was spent, and the grant the request was about is not in question.
     */
    record InvalidClient(int status, String detail) implements TokenExchangeOutcome {
    }

    /**
     * A refusal the gateway does not recognise (missing scope, an agency call with a location token, an unknown 4xx).
     * It is <em>not</em> evidence that the grant is lost: only {@link InvalidGrant} is.
     */
    record Rejected(int status, String detail) implements TokenExchangeOutcome {
    }

    /** How a failed refresh counts for the recovery rules; empty for {@link Issued}. */
    default Optional<RefreshFailure> asRefreshFailure() {
        if (this instanceof InvalidGrant) {
            return Optional.of(RefreshFailure.REJECTED);
        }
        if (this instanceof InvalidClient) {
            return Optional.of(RefreshFailure.CLIENT_REJECTED);
        }
        if (this instanceof Rejected) {
            return Optional.of(RefreshFailure.REFUSED);
        }
        if (this instanceof LocationNotActive) {
            return Optional.of(RefreshFailure.LOCATION_NOT_ACTIVE);
        }
        if (this instanceof Transient) {
            return Optional.of(RefreshFailure.TRANSIENT);
        }
        if (this instanceof Uncertain) {
            return Optional.of(RefreshFailure.NO_ANSWER);
        }
        return Optional.empty();
    }
}

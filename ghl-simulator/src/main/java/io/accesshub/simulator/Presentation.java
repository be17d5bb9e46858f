package io.accesshub.simulator;

import java.time.Instant;

/**
 * One entry of the presentation log: a token or code issued by the simulator or presented to it.
 *
 * @param at         simulated time
 * @param endpoint   the endpoint, e.g. {@code POST /oauth/token}
 * @param kind       which kind of credential
 * @param tokenHash  SHA-256 (hex) of the value; see {@link GhlSimulator#hash(String)}
 * @param outcome    what happened
 * @param resourceId the location or company the credential belongs to (null if unknown)
 */
public record Presentation(Instant at, String endpoint, Kind kind, String tokenHash, Outcome outcome,
                           String resourceId) {

    /** Credential kinds. */
    public enum Kind { AUTHORIZATION_CODE, ACCESS_TOKEN, REFRESH_TOKEN }

    /**
     * Outcomes; {@code ISSUED} marks issuance, {@code INVALID_CLIENT} a request refused for its client credentials
     * before the credential was looked at, everything else a presentation.
     */
    public enum Outcome {
        ISSUED, ACCEPTED, GRACE_REPLAY, REJECTED_REUSED, REJECTED_EXPIRED, REJECTED_UNKNOWN, REJECTED_REVOKED,
        REJECTED_LOCATION_INACTIVE,
        /** {@code 401 invalid_client}: the app's client id or secret was wrong; the code or token was not touched. */
        INVALID_CLIENT
    }

    /**
     * Whether this entry is a presentation: neither an issuance nor a request refused for its client credentials (such
     * a request never reaches the code or refresh token, which stays exactly as good as before).
     */
    public boolean isPresentation() {
        return outcome != Outcome.ISSUED && outcome != Outcome.INVALID_CLIENT;
    }

    /** Whether HighLevel refused the app's client credentials on this request (the credential was not spent). */
    public boolean isClientRefusal() {
        return outcome == Outcome.INVALID_CLIENT;
    }
}

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

    /** Outcomes; {@code ISSUED} marks issuance, everything else a presentation. */
    public enum Outcome {
        ISSUED, ACCEPTED, GRACE_REPLAY, REJECTED_REUSED, REJECTED_EXPIRED, REJECTED_UNKNOWN, REJECTED_REVOKED,
        REJECTED_LOCATION_INACTIVE
    }

    /** Whether this entry is a presentation (not an issuance). */
    public boolean isPresentation() {
        return outcome != Outcome.ISSUED;
    }
}

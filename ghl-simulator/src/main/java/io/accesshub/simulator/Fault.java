package io.accesshub.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault to inject on an endpoint group: one-shot by default, count-limited with {@link #times(int)} or persistent
 * with {@link #persistent()}.
 *
 * @param endpoint which requests it applies to
 * @param kind     what it does
 * @param status   HTTP status for {@link FaultKind#ERROR_STATUS}
 * @param delay    real-time delay for {@link FaultKind#LATENCY} and {@link FaultKind#TIMEOUT}
 * @param times    how many requests it affects; -1 = until cleared
 */
public record Fault(FaultEndpoint endpoint, FaultKind kind, int status, Duration delay, int times) {

    public Fault {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
        if (times == 0 || times < -1) {
            throw new IllegalArgumentException("times must be positive or -1 (persistent)");
        }
    }

    /** Delays the response, then answers normally. */
    public static Fault latency(FaultEndpoint endpoint, Duration delay) {
        return new Fault(endpoint, FaultKind.LATENCY, 0, delay, 1);
    }

    /** Answers the given status (5xx usually) without handling the request. */
    public static Fault status(FaultEndpoint endpoint, int status) {
        return new Fault(endpoint, FaultKind.ERROR_STATUS, status, Duration.ZERO, 1);
    }

    /** Closes the connection without answering. */
    public static Fault connectionReset(FaultEndpoint endpoint) {
        return new Fault(endpoint, FaultKind.CONNECTION_RESET, 0, Duration.ZERO, 1);
    }

    /** Holds the request for {@code hold} (make it longer than the client's timeout), then closes it. */
    public static Fault timeout(FaultEndpoint endpoint, Duration hold) {
        return new Fault(endpoint, FaultKind.TIMEOUT, 0, hold, 1);
    }

    /** Handles the request (rotating tokens) and then drops the response: the lost-response case. */
    public static Fault dropResponse(FaultEndpoint endpoint) {
        return new Fault(endpoint, FaultKind.DROP_RESPONSE, 0, Duration.ZERO, 1);
    }

    /** Answers {@code 400 Location is not active}. */
    public static Fault locationNotActive(FaultEndpoint endpoint) {
        return new Fault(endpoint, FaultKind.LOCATION_NOT_ACTIVE, 400, Duration.ZERO, 1);
    }

    /**
     * Answers {@code 401 {"message":"Invalid client credentials","error":"invalid_client"}} without handling the
     * request, as HighLevel does for a wrong client id or secret; {@link #persistent()} keeps it until cleared.
     * Meant for {@link FaultEndpoint#TOKEN}; {@link GhlSimulator#rotateClientSecret(String)} is the same thing driven
     * by the secret itself.
     */
    public static Fault invalidClient(FaultEndpoint endpoint) {
        return new Fault(endpoint, FaultKind.INVALID_CLIENT, 401, Duration.ZERO, 1);
    }

    /** The same fault for the next {@code n} matching requests. */
    public Fault times(int n) {
        return new Fault(endpoint, kind, status, delay, n);
    }

    /** The same fault until cleared. */
    public Fault persistent() {
        return new Fault(endpoint, kind, status, delay, -1);
    }
}

package io.accesshub.simulator;

/** What an injected fault does to a matching request. */
public enum FaultKind {
    /** Wait {@code delay}, then handle the request normally. */
    LATENCY,
    /** Answer {@code status} (e.g. 503) without handling the request. */
    ERROR_STATUS,
    /** Close the connection without any response and without handling the request. */
    CONNECTION_RESET,
    /** Hold the request for {@code delay} (longer than the client's timeout), then close without handling it. */
    TIMEOUT,
    /** Handle the request fully (a refresh rotates the token), then close the connection without the response. */
    DROP_RESPONSE,
    /** Answer {@code 400 Location is not active} without handling the request. */
    LOCATION_NOT_ACTIVE,
    /**
     * Answer {@code 401 invalid_client} ("Invalid client credentials") as if the app's client secret were wrong,
     * without handling the request: no code or refresh token is spent.
     */
    INVALID_CLIENT
}

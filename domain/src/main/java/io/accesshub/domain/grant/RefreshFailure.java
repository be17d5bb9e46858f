package io.accesshub.domain.grant;

/** How a refresh attempt failed, as classified by the gateway to HighLevel. */
public enum RefreshFailure {
    /** {@code invalid_grant}: HighLevel no longer accepts the refresh token (and a re-read showed no newer pair). */
    REJECTED,
    /** {@code Location is not active}: billing paused or location disabled; the refresh token stays good. */
    LOCATION_NOT_ACTIVE,
    /** 5xx, timeout before sending, 429 or a network error: nothing was spent. */
    TRANSIENT,
    /** The request was sent but no answer came back: the refresh token may have been spent. */
    NO_ANSWER
}

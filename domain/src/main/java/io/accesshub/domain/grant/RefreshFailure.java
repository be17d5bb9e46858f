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
    NO_ANSWER,
    /**
     * The instance that sent the request stopped before storing the answer and is judged gone (see
     * {@link HolderLiveness}): like {@link #NO_ANSWER}, but the grant is lost for that reason if nothing recovers it.
     */
    HOLDER_LOST,
    /** HighLevel refused the app's client credentials: the app is misconfigured, the refresh token was not looked at. */
    CLIENT_REJECTED,
    /** HighLevel refused with an answer nothing explains (an unknown 4xx): uncertain, never evidence of a lost grant. */
    REFUSED
}

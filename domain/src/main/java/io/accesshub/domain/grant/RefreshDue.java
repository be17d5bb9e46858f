package io.accesshub.domain.grant;

/** Why a grant is due for refresh. */
public enum RefreshDue {
    /** The access token has entered the refresh window before its expiry. */
    ACCESS_TOKEN_EXPIRING,
    /** The access token has already expired. */
    ACCESS_TOKEN_EXPIRED,
    /** The refresh token nears the end of its one-year life (idle grant). */
    REFRESH_TOKEN_AGING
}

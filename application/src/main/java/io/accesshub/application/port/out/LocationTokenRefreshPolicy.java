package io.accesshub.application.port.out;

/** How an app renews location tokens it minted from an agency grant. */
public enum LocationTokenRefreshPolicy {
    /** Refresh the location's own refresh token when HighLevel returned one; re-mint when there is none or it fails. */
    REFRESH_OWN_TOKEN_THEN_REMINT,
    /** Always mint a fresh location token from the agency grant (never present the location's refresh token). */
    ALWAYS_REMINT
}

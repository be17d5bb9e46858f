package io.accesshub.domain.grant;

/** Where a grant's tokens came from. */
public enum GrantSource {
    /** The OAuth code exchange of an install (location or agency). */
    DIRECT_INSTALL,
    /** {@code /oauth/locationToken}: a location token minted from the agency's grant. */
    MINTED_FROM_COMPANY
}

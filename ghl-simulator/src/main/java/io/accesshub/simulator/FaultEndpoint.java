package io.accesshub.simulator;

/** The endpoint groups a fault can be attached to. */
public enum FaultEndpoint {
    /** {@code POST /oauth/token}. */
    TOKEN,
    /** {@code POST /oauth/locationToken}. */
    LOCATION_TOKEN,
    /** {@code GET /oauth/installedLocations}. */
    INSTALLED_LOCATIONS,
    /** {@code DELETE /marketplace/app/{appId}/installations}. */
    UNINSTALL,
    /** The sample protected API ({@code GET /locations/{id}}, {@code GET /contacts/}). */
    SAMPLE_API,
    /** Any of the above. */
    ANY
}

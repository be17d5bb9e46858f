package io.accesshub.domain.marketplace;

import io.accesshub.domain.shared.DomainException;

/**
 * A HighLevel marketplace app: the part of the OAuth client id before the dash, as webhooks and
 * {@code installedLocations} name it.
 */
public record MarketplaceAppId(String value) {

    public MarketplaceAppId {
        Identifiers.requireOpaqueId(value, "marketplace app id");
        DomainException.require(value.indexOf('-') < 0, "marketplace app id must not contain '-' (that is a client id)");
    }

    public static MarketplaceAppId of(String value) {
        return new MarketplaceAppId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.accesshub.domain.marketplace;

import io.accesshub.domain.shared.DomainException;

/** A HighLevel OAuth client id of the form {@code <appId>-<suffix>}; not a secret. */
public record ClientId(String value) {

    public ClientId {
        Identifiers.requireOpaqueId(value, "client id");
        int dash = value.indexOf('-');
        DomainException.require(dash > 0 && dash < value.length() - 1,
                "client id must look like <appId>-<suffix>");
    }

    public static ClientId parse(String value) {
        return new ClientId(value);
    }

    /** The marketplace app this client id belongs to (the part before the first dash). */
    public MarketplaceAppId appId() {
        return new MarketplaceAppId(value.substring(0, value.indexOf('-')));
    }

    @Override
    public String toString() {
        return value;
    }
}

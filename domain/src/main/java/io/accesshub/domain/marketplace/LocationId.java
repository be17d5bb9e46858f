package io.accesshub.domain.marketplace;

/** A HighLevel location (sub-account) id. */
public record LocationId(String value) {

    public LocationId {
        Identifiers.requireOpaqueId(value, "location id");
    }

    public static LocationId of(String value) {
        return new LocationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

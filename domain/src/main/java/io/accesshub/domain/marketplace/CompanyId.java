package io.accesshub.domain.marketplace;

/** A HighLevel company (agency) id. */
public record CompanyId(String value) {

    public CompanyId {
        Identifiers.requireOpaqueId(value, "company id");
    }

    public static CompanyId of(String value) {
        return new CompanyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

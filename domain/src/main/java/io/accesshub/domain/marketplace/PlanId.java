package io.accesshub.domain.marketplace;

/** A HighLevel marketplace app plan (paid apps sell several), as INSTALL and plan-change events name it. */
public record PlanId(String value) {

    public PlanId {
        Identifiers.requireOpaqueId(value, "plan id");
    }

    public static PlanId of(String value) {
        return new PlanId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

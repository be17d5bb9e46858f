package io.accesshub.domain.relay;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import java.util.Objects;
import java.util.UUID;

/** The identity of a relay subscription, generated outside the domain and never reused. */
public record SubscriptionId(UUID value) {

    public SubscriptionId {
        Objects.requireNonNull(value, "value");
    }

    public static SubscriptionId of(UUID value) {
        return new SubscriptionId(value);
    }

    /** Parses the canonical UUID form. */
    public static SubscriptionId parse(String value) {
        try {
            UUID uuid = UUID.fromString(Objects.requireNonNull(value, "value"));
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException("not canonical");
            }
            return new SubscriptionId(uuid);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.INVALID_VALUE, "subscription id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

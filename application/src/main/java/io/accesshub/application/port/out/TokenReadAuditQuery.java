package io.accesshub.application.port.out;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which counts of the token-read audit to list: every present criterion must match; {@code from} is inclusive,
 * {@code to} exclusive.
 */
public record TokenReadAuditQuery(Optional<CompanyId> companyId, Optional<LocationId> locationId,
                                  Optional<String> keyName, Optional<Instant> from, Optional<Instant> to) {

    public TokenReadAuditQuery {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}

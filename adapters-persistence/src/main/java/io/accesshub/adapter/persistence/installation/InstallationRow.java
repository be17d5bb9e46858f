package io.accesshub.adapter.persistence.installation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import io.accesshub.adapter.persistence.UtcTimestamp;
import java.time.Instant;

/** One row of the {@code installation} table; times are UTC. */
@MappedEntity("installation")
public record InstallationRow(
        @Id String id,
        String appId,
        String companyId,
        @Nullable String locationId,
        String locationKey,
        String userType,
        String status,
        String statusReason,
        @Nullable String approvedLocations,
        boolean installToFutureLocations,
        boolean approveAllLocations,
        boolean bulkInstallation,
        @UtcTimestamp Instant createdAt,
        @UtcTimestamp Instant statusChangedAt,
        @UtcTimestamp Instant lastLifecycleChangeAt,
        @Nullable String planId,
        @Nullable @UtcTimestamp Instant planReportedAt,
        @Version Long version) {
}

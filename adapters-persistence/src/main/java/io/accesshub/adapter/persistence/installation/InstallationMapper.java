package io.accesshub.adapter.persistence.installation;

import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.PlanId;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Hand-written mapping between {@link Installation} and {@link InstallationRow}. */
final class InstallationMapper {

    private InstallationMapper() {
    }

    /** The location key stored for a key: the location id, or '' for a company installation. */
    static String locationKey(InstallationKey key) {
        return key.locationId().map(LocationId::value).orElse("");
    }

    static InstallationRow toRow(Installation installation, long version) {
        InstallationKey key = installation.key();
        CompanyInstallDetails details = installation.companyDetails();
        String approved = details.approvedLocations().stream().map(LocationId::value)
                .collect(Collectors.joining(" "));
        return new InstallationRow(
                installation.id().toString(),
                key.appId().value(),
                key.companyId().value(),
                key.locationId().map(LocationId::value).orElse(null),
                locationKey(key),
                installation.userType().name(),
                installation.status().name(),
                installation.reason().name(),
                approved.isEmpty() ? null : approved,
                details.installToFutureLocations(),
                details.approveAllLocations(),
                details.bulkInstallation(),
                installation.createdAt(),
                installation.statusChangedAt(),
                installation.lastLifecycleChangeAt(),
                installation.plan().map(PlanId::value).orElse(null),
                installation.planReportedAt().orElse(null),
                version);
    }

    static Installation toDomain(InstallationRow row) {
        Optional<LocationId> location = Optional.ofNullable(row.locationId()).map(LocationId::of);
        InstallationKey key = new InstallationKey(MarketplaceAppId.of(row.appId()), CompanyId.of(row.companyId()),
                location);
        CompanyInstallDetails details = CompanyInstallDetails.of(
                row.approvedLocations() == null || row.approvedLocations().isBlank()
                        ? java.util.Set.of()
                        : Arrays.stream(row.approvedLocations().split(" ")).map(LocationId::of)
                                .collect(Collectors.toSet()),
                row.installToFutureLocations(), row.approveAllLocations(), row.bulkInstallation());
        return Installation.rehydrate(
                InstallationId.parse(row.id()),
                key,
                details,
                InstallationStatus.valueOf(row.status()),
                StateReason.valueOf(row.statusReason()),
                row.createdAt(),
                row.statusChangedAt(),
                row.lastLifecycleChangeAt(),
                Optional.ofNullable(row.planId()).map(PlanId::of),
                Optional.ofNullable(row.planReportedAt()),
                row.version());
    }
}

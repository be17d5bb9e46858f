package io.accesshub.application.testdata;

import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Builds installations for tests: {@code anInstallation().forLocation().withStatus(ACTIVE).build()}. Every
 * identifier is unique by default; times default to around {@link TestTimes#NOW}.
 */
public final class InstallationMother {

    private InstallationId id = TestIds.installationId();
    private MarketplaceAppId appId = TestIds.appId();
    private CompanyId companyId = TestIds.companyId();
    private Optional<LocationId> locationId = Optional.of(TestIds.locationId());
    private CompanyInstallDetails companyDetails = CompanyInstallDetails.none();
    private InstallationStatus status = InstallationStatus.ACTIVE;
    private Optional<StateReason> reason = Optional.empty();
    private Instant createdAt = TestTimes.NOW.minus(Duration.ofDays(3));
    private Instant statusChangedAt = TestTimes.NOW.minus(Duration.ofHours(5));
    private Instant lastLifecycleChangeAt = TestTimes.NOW.minus(Duration.ofDays(3));
    private long version = 0L;

    private InstallationMother() {
    }

    /** An active location installation. */
    public static InstallationMother anInstallation() {
        return new InstallationMother();
    }

    /** An active location installation. */
    public static InstallationMother aLocationInstallation() {
        return new InstallationMother();
    }

    /** An active agency (Company) installation approving two locations. */
    public static InstallationMother aCompanyInstallation() {
        return new InstallationMother().forCompany()
                .withCompanyDetails(CompanyInstallDetails.of(Set.of(TestIds.locationId(), TestIds.locationId()),
                        true, false, true));
    }

    public InstallationMother withId(InstallationId value) {
        this.id = value;
        return this;
    }

    public InstallationMother ofApp(MarketplaceAppId value) {
        this.appId = value;
        return this;
    }

    public InstallationMother ofCompany(CompanyId value) {
        this.companyId = value;
        return this;
    }

    /** Makes it an agency installation (no location). */
    public InstallationMother forCompany() {
        this.locationId = Optional.empty();
        return this;
    }

    /** Makes it a location installation of a fresh location. */
    public InstallationMother forLocation() {
        return forLocation(TestIds.locationId());
    }

    public InstallationMother forLocation(LocationId value) {
        this.locationId = Optional.of(value);
        this.companyDetails = CompanyInstallDetails.none();
        return this;
    }

    /** Takes app, company and location from the key. */
    public InstallationMother withKey(InstallationKey key) {
        this.appId = key.appId();
        this.companyId = key.companyId();
        this.locationId = key.locationId();
        return this;
    }

    public InstallationMother withCompanyDetails(CompanyInstallDetails value) {
        this.companyDetails = value;
        return this;
    }

    public InstallationMother approvingLocations(LocationId... locations) {
        this.companyDetails = CompanyInstallDetails.of(Set.copyOf(Arrays.asList(locations)),
                companyDetails.installToFutureLocations(), companyDetails.approveAllLocations(),
                companyDetails.bulkInstallation());
        return this;
    }

    /** The status, with the first reason that explains it unless {@link #withReason} says otherwise. */
    public InstallationMother withStatus(InstallationStatus value) {
        this.status = value;
        this.reason = Optional.empty();
        return this;
    }

    /** The reason, and the status it explains. */
    public InstallationMother withReason(StateReason value) {
        this.status = value.status();
        this.reason = Optional.of(value);
        return this;
    }

    public InstallationMother createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    public InstallationMother statusChangedAt(Instant value) {
        this.statusChangedAt = value;
        return this;
    }

    public InstallationMother lastLifecycleChangeAt(Instant value) {
        this.lastLifecycleChangeAt = value;
        return this;
    }

    public InstallationMother withVersion(long value) {
        this.version = value;
        return this;
    }

    public Installation build() {
        StateReason effectiveReason = reason.orElseGet(() -> firstReasonFor(status));
        return Installation.rehydrate(id, new InstallationKey(appId, companyId, locationId), companyDetails, status,
                effectiveReason, createdAt, statusChangedAt, lastLifecycleChangeAt, version);
    }

    /** The first reason (in declaration order) that explains the status. */
    public static StateReason firstReasonFor(InstallationStatus status) {
        return Arrays.stream(StateReason.values()).filter(r -> r.status() == status).findFirst().orElseThrow();
    }
}

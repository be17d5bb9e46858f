package io.accesshub.application.port.in;

import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.UninstallRequest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An installation as operators see it: state and reason, key, company details, the app's plan, its grant's summary,
 * and the app's configured scopes its grant lacks ({@code missingScopes}, empty when none or without a grant), and the
 * developer uninstall still waiting for HighLevel, if any.
 */
public record InstallationSummary(InstallationId id, InstallationKey key, UserType userType,
                                  InstallationStatus status, StateReason reason, Instant createdAt,
                                  Instant statusChangedAt, Instant lastLifecycleChangeAt,
                                  CompanyInstallDetails companyDetails, Optional<GrantSummary> grant,
                                  Optional<PlanId> plan, Scopes missingScopes,
                                  Optional<UninstallRequest> pendingUninstall) {

    public InstallationSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
        Objects.requireNonNull(lastLifecycleChangeAt, "lastLifecycleChangeAt");
        Objects.requireNonNull(companyDetails, "companyDetails");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(missingScopes, "missingScopes");
        Objects.requireNonNull(pendingUninstall, "pendingUninstall");
    }
}

package io.accesshub.application.service;

import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.GetInstallationUseCase;
import io.accesshub.application.port.in.GrantSummary;
import io.accesshub.application.port.in.InstallationQuery;
import io.accesshub.application.port.in.InstallationSummary;
import io.accesshub.application.port.in.ListInstallationsUseCase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.UninstallRequests;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.uninstall.UninstallRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read side of installations for operators: loads installations, their grants and pending developer uninstalls and
 * summarises them.
 */
public final class InstallationQueryService implements ListInstallationsUseCase, GetInstallationUseCase {

    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final MarketplaceApps apps;
    private final UninstallRequests uninstalls;
    private final Clock clock;

    public InstallationQueryService(InstallationRepository installations, GrantRepository grants,
                                    MarketplaceApps apps, UninstallRequests uninstalls, Clock clock) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.uninstalls = Objects.requireNonNull(uninstalls, "uninstalls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Page<InstallationSummary> list(InstallationQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        InstallationFilter filter = new InstallationFilter(query.appId(), query.companyId(), query.locationId(),
                query.userType(), query.status(), query.scope());
        Page<Installation> found = installations.list(filter, page);
        Instant now = clock.instant();
        Map<InstallationId, UninstallRequest> pending = found.items().isEmpty() ? Map.of()
                : uninstalls.findAll(found.items().stream().map(Installation::id).toList());
        return new Page<>(found.items().stream()
                .map(i -> summarise(i, Optional.ofNullable(pending.get(i.id())), now)).toList(),
                found.totalCount(), found.request());
    }

    @Override
    public Optional<InstallationSummary> get(InstallationId id) {
        Objects.requireNonNull(id, "id");
        Instant now = clock.instant();
        return installations.findById(id).map(i -> summarise(i, uninstalls.find(i.id()), now));
    }

    private InstallationSummary summarise(Installation installation, Optional<UninstallRequest> pendingUninstall,
                                          Instant now) {
        Optional<GrantSummary> grant = grants.findByInstallationId(installation.id()).map(g -> summarise(g, now));
        return new InstallationSummary(installation.id(), installation.key(), installation.userType(),
                installation.status(), installation.reason(), installation.createdAt(),
                installation.statusChangedAt(), installation.lastLifecycleChangeAt(), installation.companyDetails(),
                grant, installation.plan(), missingScopes(installation, grant), pendingUninstall);
    }

    /** The app's configured scopes the grant lacks, judged against the configuration as it is now. */
    private Scopes missingScopes(Installation installation, Optional<GrantSummary> grant) {
        return grant.map(g -> apps.missingScopes(installation.key(), g.scopes())).orElse(Scopes.none());
    }

    private static GrantSummary summarise(Grant grant, Instant now) {
        Duration age = Duration.between(grant.issuedAt(), now);
        return new GrantSummary(grant.source(), grant.scopes(), grant.accessTokenExpiresAt(), grant.issuedAt(),
                grant.refreshToken().isPresent(), age.isNegative() ? Duration.ZERO : age,
                grant.bookkeeping().lastRefreshedAt(), grant.bookkeeping().lastAttemptAt(),
                grant.bookkeeping().consecutiveFailures());
    }
}

package io.accesshub.application.service;

import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.GetAccessTokenUseCase;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Token reads: one indexed read and a decrypt in steady state; a refresh (joined when already running) only when
 * the token is expired or inside the safety margin. A usable token may be served from a short-lived in-memory cache
 * ({@code cacheTtl}, zero disables it): an access token stays valid at HighLevel until it expires, so a cached one
 * that still outlives the safety margin is as good as the stored one; lifecycle changes show after at most the TTL.
 */
public final class TokenService implements GetAccessTokenUseCase {

    private static final int MAX_CACHED = 100_000;

    private final MarketplaceApps apps;
    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final GrantRefresher refresher;
    private final RefreshSettings settings;
    private final Clock clock;
    private final Duration cacheTtl;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(TokenResult.Issued result, Instant until) {
    }

    private final LocationMinter minter;
    private final ConcurrentMap<String, Instant> notMintableUntil = new ConcurrentHashMap<>();

    public TokenService(MarketplaceApps apps, InstallationRepository installations, GrantRepository grants,
                        GrantRefresher refresher, RefreshSettings settings, Clock clock, Duration cacheTtl,
                        MarketplaceGateway gateway, InstallationEventPublisher events, TransactionRunner transactions,
                        IdGenerator ids) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
        this.minter = new LocationMinter(installations, grants, gateway, events, transactions, ids, clock);
    }

    private TokenResult cached(String key, Supplier<TokenResult> load) {
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && now.isBefore(hit.until())
            && now.plus(settings.timing().onDemandSafetyMargin()).isBefore(hit.result().expiresAt())) {
            return hit.result();
        }
        TokenResult result = load.get();
        if (result instanceof TokenResult.Issued issued && !cacheTtl.isZero()) {
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, new Cached(issued, now.plus(cacheTtl)));
        } else {
            cache.remove(key);
        }
        return result;
    }

    @Override
    public TokenResult accessTokenForLocation(Optional<MarketplaceAppId> app, LocationId locationId) {
        return cached("L|" + app.map(MarketplaceAppId::value).orElse("") + "|" + locationId.value(),
            () -> loadLocation(app, locationId));
    }

    private TokenResult loadLocation(Optional<MarketplaceAppId> app, LocationId locationId) {
        Optional<MarketplaceApp> resolved = apps.resolve(app);
        if (resolved.isEmpty()) {
            return new TokenResult.NotInstalled();
        }
        Optional<Installation> location = installations.findLocation(resolved.get().id(), locationId);
        TokenResult result = location.map(this::tokenOf).orElseGet(TokenResult.NotInstalled::new);
        if (result instanceof TokenResult.NotInstalled
            && location.map(i -> i.status() != InstallationStatus.UNINSTALLED).orElse(true)) {
            return mintOnDemand(resolved.get().id(), locationId).orElse(result);
        }
        return result;
    }

    /**
     * A location without its own grant under an active agency grant holding {@code oauth.write}: mint its token now.
     * Agencies that approved the location are tried first; a location no agency can mint for is remembered for a
     * minute so unknown ids do not turn into a stream of HighLevel calls.
     */
    private Optional<TokenResult> mintOnDemand(MarketplaceAppId app, LocationId locationId) {
        String key = app.value() + "|" + locationId.value();
        Instant now = clock.instant();
        Instant blockedUntil = notMintableUntil.get(key);
        if (blockedUntil != null && now.isBefore(blockedUntil)) {
            return Optional.empty();
        }
        InstallationFilter companies = InstallationFilter.all().withApp(app).withUserType(UserType.COMPANY);
        List<Installation> candidates = new ArrayList<>(installations.list(companies, new PageRequest(0, 50)).items());
        candidates.removeIf(c -> c.status() != InstallationStatus.ACTIVE && c.status() != InstallationStatus.DEGRADED);
        candidates.sort(Comparator.comparing(c -> !c.companyDetails().approvedLocations().contains(locationId)));
        for (Installation company : candidates) {
            RefreshResult companyGrant = refresher.refresh(company.id(), false);
            if (!(companyGrant instanceof RefreshResult.Usable usable)) {
                continue;
            }
            LocationMinter.Outcome outcome = minter.mint(company, usable.grant(), locationId);
            if (outcome == LocationMinter.Outcome.MINTED) {
                InstallationKey minted = InstallationKey.forLocation(app, company.key().companyId(), locationId);
                return installations.findByKey(minted).map(this::tokenOf);
            }
            if (outcome == LocationMinter.Outcome.TRY_LATER) {
                return Optional.of(new TokenResult.MarketplaceUnavailable(Optional.empty()));
            }
        }
        if (notMintableUntil.size() > MAX_CACHED) {
            notMintableUntil.clear();
        }
        notMintableUntil.put(key, now.plus(Duration.ofMinutes(1)));
        return Optional.empty();
    }

    @Override
    public TokenResult accessTokenForCompany(Optional<MarketplaceAppId> app, CompanyId companyId) {
        return cached("C|" + app.map(MarketplaceAppId::value).orElse("") + "|" + companyId.value(),
            () -> loadCompany(app, companyId));
    }

    private TokenResult loadCompany(Optional<MarketplaceAppId> app, CompanyId companyId) {
        return apps.resolve(app)
            .flatMap(a -> installations.findByKey(InstallationKey.forCompany(a.id(), companyId)))
            .map(this::tokenOf)
            .orElseGet(TokenResult.NotInstalled::new);
    }

    private TokenResult tokenOf(Installation installation) {
        switch (installation.status()) {
            case UNINSTALLED, PENDING:
                return new TokenResult.NotInstalled();
            case NEEDS_REAUTH:
                return new TokenResult.NeedsReauthorization(installation.reason());
            default:
                break;
        }
        Optional<Grant> grant = grants.findByInstallationId(installation.id());
        if (grant.isEmpty()) {
            return new TokenResult.NotInstalled();
        }
        if (settings.timing().isUsableAt(grant.get(), clock.instant())) {
            return issued(installation, grant.get());
        }
        RefreshResult result = refresher.refresh(installation.id(), false);
        if (result instanceof RefreshResult.Usable usable) {
            return issued(installation, usable.grant());
        }
        if (result instanceof RefreshResult.Suspended suspended) {
            return new TokenResult.Suspended(suspended.reason());
        }
        if (result instanceof RefreshResult.NeedsReauth lost) {
            return new TokenResult.NeedsReauthorization(lost.reason());
        }
        if (result instanceof RefreshResult.Gone) {
            return new TokenResult.NotInstalled();
        }
        if (result instanceof RefreshResult.AppMisconfigured misconfigured) {
            return new TokenResult.AppMisconfigured(misconfigured.app());
        }
        return new TokenResult.MarketplaceUnavailable(((RefreshResult.Unavailable) result).retryAfter());
    }

    private static TokenResult issued(Installation installation, Grant grant) {
        return new TokenResult.Issued(grant.accessToken(), grant.accessTokenExpiresAt(), grant.scopes(),
            installation.key().companyId(), installation.key().locationId(), grant.source());
    }
}

package io.accesshub.application.service;

import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.GetAccessTokenUseCase;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.LocationOwners;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.TokenView;
import io.accesshub.application.service.GrantRefresher.RefreshResult;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Token reads: one indexed read with one decryption in steady state ({@link TokenReads}); a refresh (joined when
 * already running) only when the token is expired or inside the safety margin. A usable token may be served from the
 * in-memory cache ({@link TokenCaches}): an access token stays valid at HighLevel until it expires, so a cached one
 * that still outlives the safety margin is as good as the stored one; lifecycle changes show after at most the TTL.
 */
public final class TokenService implements GetAccessTokenUseCase {

    private final MarketplaceApps apps;
    private final TokenReads reads;
    private final InstallationRepository installations;
    private final GrantRefresher refresher;
    private final LocationMinter minter;
    private final LocationOwners owners;
    private final RefreshSettings settings;
    private final Clock clock;
    private final TokenCaches caches;
    private final TokenReadAuditService audit;
    private final HubMetrics metrics;

    public TokenService(MarketplaceApps apps, TokenReads reads, InstallationRepository installations,
                        GrantRefresher refresher, LocationMinter minter, LocationOwners owners,
                        RefreshSettings settings, Clock clock, TokenCaches caches, TokenReadAuditService audit,
                        HubMetrics metrics) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.minter = Objects.requireNonNull(minter, "minter");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public TokenResult accessTokenForLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId locationId) {
        return timed(() -> handedOut(caller, locationToken(caller, app, locationId)));
    }

    @Override
    public TokenResult accessTokenForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId companyId) {
        return timed(() -> handedOut(caller, companyToken(caller, app, companyId)));
    }

    /**
     * What {@link #accessTokenForLocation} answers, timed but not counted in the token-read audit: for a use case
     * that reads more than once and counts only the token it hands out ({@link #handedOut}).
     */
    TokenResult uncountedForLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId locationId) {
        return timed(() -> locationToken(caller, app, locationId));
    }

    /** What {@link #accessTokenForCompany} answers, timed but not counted in the token-read audit. */
    TokenResult uncountedForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId companyId) {
        return timed(() -> companyToken(caller, app, companyId));
    }

    /** Counts {@code result} in the token-read audit under the caller's name when it is a token handed out. */
    TokenResult handedOut(Caller caller, TokenResult result) {
        if (result instanceof TokenResult.Issued issued) {
            audit.recordRead(caller, issued.installationKey());
        }
        return result;
    }

    private TokenResult locationToken(Caller caller, Optional<MarketplaceAppId> app, LocationId locationId) {
        return cached(caller, TokenCaches.Key.location(app, locationId), () -> loadLocation(caller, app, locationId));
    }

    private TokenResult companyToken(Caller caller, Optional<MarketplaceAppId> app, CompanyId companyId) {
        return cached(caller, TokenCaches.Key.company(app, companyId), () -> apps.resolve(app)
            .filter(a -> caller.scope().permitsApp(a.id()))
            .flatMap(a -> reads.installation(InstallationKey.forCompany(a.id(), companyId)))
            .filter(view -> caller.scope().permits(view.key()))
            .map(this::tokenOf)
            .orElseGet(TokenResult.NotInstalled::new));
    }

    /** Runs a read and stops its timing with the outcome; a read that throws is timed as {@code error}. */
    private TokenResult timed(Supplier<TokenResult> read) {
        HubMetrics.TokenReadTiming timing = metrics.startTokenRead();
        TokenResult result;
        try {
            result = read.get();
        } catch (RuntimeException failure) {
            timing.stop("error");
            throw failure;
        }
        timing.stop(HubMetrics.outcomeOf(result));
        return result;
    }

    /**
     * A cached token while it is within the TTL, still outlives the safety margin and is in the caller's scope; else a
     * read, remembered. A cached token outside the scope answers like a token that is not installed.
     */
    private TokenResult cached(Caller caller, TokenCaches.Key key, Supplier<TokenResult> load) {
        Optional<TokenResult.Issued> hit = caches.token(key);
        boolean usable = hit.isPresent() && settings.timing().isUsableAt(hit.get().expiresAt(), clock.instant());
        metrics.tokenCacheLookup(usable);
        if (usable) {
            return caller.scope().permits(hit.get().installationKey()) ? hit.get() : new TokenResult.NotInstalled();
        }
        TokenResult result = load.get();
        if (caller.scope().isUnrestricted() || result instanceof TokenResult.Issued) {
            caches.remember(key, result);
        }
        return result;
    }

    private TokenResult loadLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId locationId) {
        Optional<MarketplaceApp> resolved = apps.resolve(app).filter(a -> caller.scope().permitsApp(a.id()));
        if (resolved.isEmpty()) {
            return new TokenResult.NotInstalled();
        }
        Optional<TokenView> location = reads.location(resolved.get().id(), locationId);
        if (location.isPresent() && !caller.scope().permits(location.get().key())) {
            return new TokenResult.NotInstalled();
        }
        TokenResult result = location.map(this::tokenOf).orElseGet(TokenResult.NotInstalled::new);
        if (result instanceof TokenResult.NotInstalled
            && location.map(v -> v.status() != InstallationStatus.UNINSTALLED).orElse(true)) {
            return mintOnDemand(caller, resolved.get().id(), locationId,
                location.map(view -> view.key().companyId())).orElse(result);
        }
        return result;
    }

    /**
     * A location without its own grant: mint its token now from the one agency that owns it ({@code knownOwner} when
     * the location's installation names it, else as learned from HighLevel), never from any other. A location no
     * agency owns costs no HighLevel call, and is remembered as not mintable for a minute, as is one its owner cannot
     * mint for. A scoped key never causes a call for a location outside its scope.
     */
    private Optional<TokenResult> mintOnDemand(Caller caller, MarketplaceAppId app, LocationId locationId,
                                               Optional<CompanyId> knownOwner) {
        TokenCaches.Key key = TokenCaches.Key.location(Optional.of(app), locationId);
        if (caches.isNotMintable(key)) {
            return Optional.empty();
        }
        Optional<CompanyId> owner = knownOwner.or(() -> owners.ownerOf(app, locationId));
        if (owner.isPresent() && !caller.scope().permits(InstallationKey.forLocation(app, owner.get(), locationId))) {
            return Optional.empty();
        }
        Optional<Installation> agency = owner
            .flatMap(company -> installations.findByKey(InstallationKey.forCompany(app, company)))
            .filter(company -> company.status().servesTokens());
        if (agency.isEmpty()) {
            caches.markNotMintable(key);
            return Optional.empty();
        }
        RefreshResult companyGrant = refresher.refresh(agency.get().id(), false);
        if (!(companyGrant instanceof RefreshResult.Usable usable)) {
            return agencyCannotMint(key, companyGrant);
        }
        LocationMinter.Outcome outcome = minter.mint(agency.get(), usable.grant(), locationId);
        if (outcome == LocationMinter.Outcome.MINTED) {
            return reads.installation(InstallationKey.forLocation(app, owner.get(), locationId)).map(this::tokenOf);
        }
        if (outcome == LocationMinter.Outcome.TRY_LATER) {
            return Optional.of(new TokenResult.MarketplaceUnavailable(Optional.empty()));
        }
        caches.markNotMintable(key);
        return Optional.empty();
    }

    /**
     * The answer when the owning agency's own grant is not usable: HighLevel being unavailable or refusing the app's
     * credentials is said as such; an agency that lost its grant or was removed leaves the location not installed.
     */
    private Optional<TokenResult> agencyCannotMint(TokenCaches.Key key, RefreshResult companyGrant) {
        if (companyGrant instanceof RefreshResult.Unavailable || companyGrant instanceof RefreshResult.AppMisconfigured) {
            return RefreshAnswers.unusable(companyGrant);
        }
        caches.markNotMintable(key);
        return Optional.empty();
    }

    private TokenResult tokenOf(TokenView view) {
        switch (view.status()) {
            case UNINSTALLED, PENDING:
                return new TokenResult.NotInstalled();
            case NEEDS_REAUTH:
                return new TokenResult.NeedsReauthorization(view.reason());
            default:
                break;
        }
        if (view.access().isEmpty()) {
            return new TokenResult.NotInstalled();
        }
        TokenView.Access access = view.access().get();
        if (settings.timing().isUsableAt(access.expiresAt(), clock.instant())) {
            return issued(view.key(), access.accessToken(), access.expiresAt(), access.scopes(), access.source());
        }
        RefreshResult result = refresher.refresh(view.installationId(), false);
        if (result instanceof RefreshResult.Usable usable) {
            return issued(view.key(), usable.grant().accessToken(), usable.grant().accessTokenExpiresAt(),
                usable.grant().scopes(), usable.grant().source());
        }
        return RefreshAnswers.unusable(result).orElseThrow();
    }

    private static TokenResult issued(InstallationKey key, AccessToken token, Instant expiresAt, Scopes scopes,
                                      GrantSource source) {
        return new TokenResult.Issued(token, expiresAt, scopes, key.companyId(), key.locationId(), source, key.appId());
    }
}

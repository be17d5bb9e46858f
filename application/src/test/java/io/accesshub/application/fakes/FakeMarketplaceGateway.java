package io.accesshub.application.fakes;

import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.GrantedTo;
import io.accesshub.application.port.out.InstalledLocationsOutcome;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.IssuedTokens;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A scriptable gateway: each call takes the next scripted outcome for its kind and records what was presented. Built
 * with {@link #behavingLikeHighLevel}, a call with nothing scripted answers as HighLevel would (single-use codes,
 * rotating single-use refresh tokens without a grace window, minting only with a company token, offset paging).
 */
public final class FakeMarketplaceGateway implements MarketplaceGateway {

    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(86_399);
    private static final Scopes SCOPES = Scopes.parse("oauth.write oauth.readonly locations.readonly");

    /** Whom a live code or token was issued to. */
    private record Holder(UserType userType, Optional<LocationId> location) {
    }

    private final Optional<Clock> clock;
    private final CompanyId company;
    private final List<LocationId> locations;
    private final Set<LocationId> installed = new LinkedHashSet<>();
    private final Map<String, Holder> liveCodes = new HashMap<>();
    private final Map<String, Holder> liveRefreshTokens = new HashMap<>();
    private final Map<String, Holder> liveAccessTokens = new HashMap<>();
    private final Map<String, Integer> refreshPresentations = new HashMap<>();
    private boolean clientCredentialsRefused;
    private int clientRefusals;
    private long sequence;

    private final Deque<Supplier<TokenExchangeOutcome>> exchanges = new ArrayDeque<>();
    private final Deque<Supplier<TokenExchangeOutcome>> refreshes = new ArrayDeque<>();
    private final Deque<Supplier<TokenExchangeOutcome>> mints = new ArrayDeque<>();
    private final List<CompanyId> mintsAsked = new ArrayList<>();
    private final List<String> presentedCodes = new ArrayList<>();
    private final List<String> presentedRefreshTokens = new ArrayList<>();

    /** A purely scripted gateway: a call with nothing scripted fails the test. */
    public FakeMarketplaceGateway() {
        this.clock = Optional.empty();
        this.company = CompanyId.of("fake-company");
        this.locations = List.of();
    }

    private FakeMarketplaceGateway(Clock clock, CompanyId company, List<LocationId> locations) {
        this.clock = Optional.of(clock);
        this.company = company;
        this.locations = List.copyOf(locations);
    }

    /** A gateway that answers unscripted calls like HighLevel for one agency with these locations. */
    public static FakeMarketplaceGateway behavingLikeHighLevel(Clock clock, CompanyId company,
                                                               List<LocationId> locations) {
        return new FakeMarketplaceGateway(clock, company, locations);
    }

    /** A code as HighLevel's redirect would carry after a Location install of {@code location}. */
    public synchronized AuthorizationCode authorizeLocation(LocationId location) {
        installed.add(location);
        String code = "fake-code-" + (++sequence);
        liveCodes.put(code, new Holder(UserType.LOCATION, Optional.of(location)));
        return new AuthorizationCode(code);
    }

    /** A code as HighLevel's redirect would carry after an agency install covering every location. */
    public synchronized AuthorizationCode authorizeAgency() {
        installed.addAll(locations);
        String code = "fake-code-" + (++sequence);
        liveCodes.put(code, new Holder(UserType.COMPANY, Optional.empty()));
        return new AuthorizationCode(code);
    }

    /** How often this refresh token was presented (scripted or not). */
    public synchronized int presentationsOf(RefreshToken refreshToken) {
        return refreshPresentations.getOrDefault(refreshToken.value(), 0);
    }

    /**
     * While {@code refused}, unscripted code exchanges and refreshes answer {@link TokenExchangeOutcome.InvalidClient}
     * as HighLevel does after the app's client secret was regenerated: nothing is spent, and the refusal is counted in
     * {@link #clientRefusals()}, not as a presentation.
     */
    public synchronized FakeMarketplaceGateway refuseClientCredentials(boolean refused) {
        this.clientCredentialsRefused = refused;
        return this;
    }

    /** How many unscripted calls were refused for the app's client credentials. */
    public synchronized int clientRefusals() {
        return clientRefusals;
    }

    public synchronized FakeMarketplaceGateway onExchange(TokenExchangeOutcome outcome) {
        exchanges.add(() -> outcome);
        return this;
    }

    public synchronized FakeMarketplaceGateway onRefresh(Supplier<TokenExchangeOutcome> outcome) {
        refreshes.add(outcome);
        return this;
    }

    public synchronized FakeMarketplaceGateway onMint(Supplier<TokenExchangeOutcome> outcome) {
        mints.add(outcome);
        return this;
    }

    @Override
    public URI authorizationPage(MarketplaceAppId app, Optional<String> state) {
        return URI.create("https://marketplace.example/v2/oauth/chooselocation?client_id=" + app.value()
            + state.map(s -> "&state=" + s).orElse(""));
    }

    @Override
    public synchronized TokenExchangeOutcome exchangeAuthorizationCode(MarketplaceAppId app, AuthorizationCode code) {
        if (exchanges.isEmpty() && clientCredentialsRefused) {
            return refuseClient();
        }
        presentedCodes.add(code.value());
        if (exchanges.isEmpty() && clock.isPresent()) {
            Holder holder = liveCodes.remove(code.value());
            return holder == null ? new TokenExchangeOutcome.InvalidGrant("Invalid grant: code is invalid")
                : issue(holder, true);
        }
        return next(exchanges, "exchange");
    }

    @Override
    public synchronized TokenExchangeOutcome refresh(MarketplaceAppId app, RefreshToken refreshToken,
                                                     UserType userType) {
        if (refreshes.isEmpty() && clientCredentialsRefused) {
            return refuseClient();
        }
        presentedRefreshTokens.add(refreshToken.value());
        refreshPresentations.merge(refreshToken.value(), 1, Integer::sum);
        if (refreshes.isEmpty() && clock.isPresent()) {
            Holder holder = liveRefreshTokens.remove(refreshToken.value());
            return holder == null ? new TokenExchangeOutcome.InvalidGrant("Invalid grant: refresh token is invalid")
                : issue(holder, true);
        }
        return next(refreshes, "refresh");
    }

    @Override
    public synchronized TokenExchangeOutcome mintLocationToken(MarketplaceAppId app, AccessToken companyAccessToken,
                                                               CompanyId companyId, LocationId locationId) {
        mintsAsked.add(companyId);
        if (mints.isEmpty() && clock.isPresent()) {
            Holder holder = liveAccessTokens.get(companyAccessToken.value());
            if (holder == null || holder.userType() != UserType.COMPANY) {
                return new TokenExchangeOutcome.Rejected(401, "This route is not yet supported by the IAM Service.");
            }
            if (!company.equals(companyId) || !installed.contains(locationId)) {
                return new TokenExchangeOutcome.Rejected(400, "Location not found for this company");
            }
            return issue(new Holder(UserType.LOCATION, Optional.of(locationId)), true);
        }
        return next(mints, "mint");
    }

    @Override
    public synchronized InstalledLocationsOutcome installedLocations(MarketplaceAppId app,
            AccessToken companyAccessToken, CompanyId companyId, int offset, int limit) {
        if (clock.isEmpty()) {
            return new InstalledLocationsOutcome.Page(List.of(), 0, false);
        }
        Holder holder = liveAccessTokens.get(companyAccessToken.value());
        if (holder == null || holder.userType() != UserType.COMPANY || !company.equals(companyId)) {
            return new InstalledLocationsOutcome.Refused(401, "This route is not yet supported by the IAM Service.");
        }
        List<InstalledLocationsOutcome.InstalledLocation> all = locations.stream()
            .map(l -> new InstalledLocationsOutcome.InstalledLocation(l, "Location " + l.value(), installed.contains(l)))
            .toList();
        int from = Math.min(Math.max(offset, 0), all.size());
        int to = Math.min(from + Math.max(limit, 0), all.size());
        return new InstalledLocationsOutcome.Page(all.subList(from, to), all.size(), false);
    }

    private TokenExchangeOutcome refuseClient() {
        clientRefusals++;
        return new TokenExchangeOutcome.InvalidClient(401, "Invalid client credentials");
    }

    private TokenExchangeOutcome issue(Holder holder, boolean withRefreshToken) {
        long n = ++sequence;
        AccessToken access = AccessToken.of("fake-at-" + n);
        liveAccessTokens.put(access.value(), holder);
        Optional<RefreshToken> refresh = Optional.empty();
        if (withRefreshToken) {
            refresh = Optional.of(RefreshToken.of("fake-rt-" + n));
            liveRefreshTokens.put(refresh.get().value(), holder);
        }
        var now = clock.orElseThrow().instant();
        CompanyInstallDetails details = holder.userType() == UserType.COMPANY
            ? CompanyInstallDetails.of(Set.copyOf(locations), false, true, false) : CompanyInstallDetails.none();
        return new TokenExchangeOutcome.Issued(
            new IssuedTokens(access, now.plus(ACCESS_TOKEN_LIFETIME), refresh, SCOPES, now),
            new GrantedTo(holder.userType(), company, holder.location(), details, Optional.of("fake-user")));
    }

    private static TokenExchangeOutcome next(Deque<Supplier<TokenExchangeOutcome>> script, String what) {
        Supplier<TokenExchangeOutcome> outcome = script.poll();
        if (outcome == null) {
            throw new AssertionError("no scripted outcome left for " + what);
        }
        return outcome.get();
    }

    /** The agency of every location-token mint asked for, in order. */
    public synchronized List<CompanyId> mintsAsked() {
        return List.copyOf(mintsAsked);
    }

    public synchronized List<String> presentedCodes() {
        return List.copyOf(presentedCodes);
    }

    public synchronized List<String> presentedRefreshTokens() {
        return List.copyOf(presentedRefreshTokens);
    }
}

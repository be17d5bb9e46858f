package io.accesshub.application.fakes;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.TokenView;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory {@link TokenReads} over the installation and grant fakes it is given (so it sees what they store); counts
 * its lookups, so tests can tell a cache hit from a read.
 */
public final class InMemoryTokenReads implements TokenReads {

    private final InMemoryInstallationRepository installations;
    private final GrantRepository grants;
    private final AtomicInteger lookups = new AtomicInteger();

    public InMemoryTokenReads(InMemoryInstallationRepository installations, GrantRepository grants) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
    }

    @Override
    public Optional<TokenView> location(MarketplaceAppId app, LocationId location) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(location, "location");
        lookups.incrementAndGet();
        return installations.all().stream()
                .filter(i -> i.userType() == UserType.LOCATION && i.key().appId().equals(app)
                        && i.key().locationId().equals(Optional.of(location)))
                .min(Comparator.comparing(Installation::id))
                .map(this::view);
    }

    @Override
    public Optional<TokenView> installation(InstallationKey key) {
        Objects.requireNonNull(key, "key");
        lookups.incrementAndGet();
        return installations.findByKey(key).map(this::view);
    }

    /** How many lookups were answered so far. */
    public int lookups() {
        return lookups.get();
    }

    private TokenView view(Installation installation) {
        Optional<TokenView.Access> access = grants.findByInstallationId(installation.id())
                .map(InMemoryTokenReads::access);
        return new TokenView(installation.id(), installation.key(), installation.status(), installation.reason(),
                access);
    }

    private static TokenView.Access access(Grant grant) {
        return new TokenView.Access(grant.accessToken(), grant.accessTokenExpiresAt(), grant.scopes(), grant.source());
    }
}

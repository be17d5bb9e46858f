package io.accesshub.adapter.ghl;

import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.LocationTokenRefreshPolicy;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The apps configured under {@code accesshub.apps}, validated at startup, keyed by the app id of their client id. */
@Singleton
public final class ConfiguredMarketplaceApps implements MarketplaceApps {

    /** An app with its adapter-only settings. */
    record Entry(MarketplaceApp app, AppConfiguration configuration) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfiguredMarketplaceApps.class);

    private final Map<MarketplaceAppId, Entry> byId;
    private final Optional<MarketplaceApp> defaultApp;

    public ConfiguredMarketplaceApps(List<AppConfiguration> configurations) {
        Map<MarketplaceAppId, Entry> entries = new LinkedHashMap<>();
        List<MarketplaceApp> defaults = new ArrayList<>();
        for (AppConfiguration c : configurations) {
            if (c.getClientId() == null || c.getClientSecret() == null || c.getRedirectUri() == null) {
                throw new IllegalStateException("App '" + c.getName() + "' needs client-id, client-secret and "
                    + "redirect-uri (accesshub.apps." + c.getName() + ".*)");
            }
            MarketplaceAppId id = ClientId.parse(c.getClientId()).appId();
            MarketplaceApp app = new MarketplaceApp(id, c.getName(), Scopes.parse(c.getScopes()), policy(c));
            if (entries.putIfAbsent(id, new Entry(app, c)) != null) {
                throw new IllegalStateException("Two configured apps share the app id " + id);
            }
            if (c.isDefault()) {
                defaults.add(app);
            }
            for (String limitation : io.accesshub.domain.grant.ScopeRequirement.agencyLimitations(app.requestedScopes())) {
                LOG.warn("App '{}' ({}) is configured with the scopes [{}]: {}. Add the scope to"
                    + " ACCESSHUB_APPS_{}_SCOPES (and to the app in the marketplace) if agencies install it.",
                    c.getName(), id, app.requestedScopes(), limitation,
                    c.getName().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            }
        }
        if (defaults.size() > 1) {
            throw new IllegalStateException("Only one app may be marked default");
        }
        this.byId = Map.copyOf(entries);
        this.defaultApp = entries.size() == 1 ? Optional.of(entries.values().iterator().next().app())
            : defaults.stream().findFirst();
    }

    private static LocationTokenRefreshPolicy policy(AppConfiguration c) {
        String value = c.getLocationTokenPolicy() == null ? "" : c.getLocationTokenPolicy().trim();
        return switch (value.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "", "refresh-own-token-then-remint" -> LocationTokenRefreshPolicy.REFRESH_OWN_TOKEN_THEN_REMINT;
            case "always-remint" -> LocationTokenRefreshPolicy.ALWAYS_REMINT;
            default -> throw new IllegalStateException("App '" + c.getName() + "': location-token-policy must be "
                + "refresh-own-token-then-remint or always-remint");
        };
    }

    @Override
    public List<MarketplaceApp> all() {
        return byId.values().stream().map(Entry::app).toList();
    }

    @Override
    public Optional<MarketplaceApp> find(MarketplaceAppId id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::app);
    }

    @Override
    public Optional<MarketplaceApp> defaultApp() {
        return defaultApp;
    }

    /** The app's custom-page SSO secret, if it has one; stays in this adapter. */
    Optional<String> ssoSecret(MarketplaceAppId id) {
        return Optional.ofNullable(byId.get(id)).flatMap(e -> e.configuration().getSsoSecret());
    }

    /** The apps with an SSO secret, in configuration order. */
    java.util.Set<MarketplaceAppId> appsWithSsoSecret() {
        java.util.Set<MarketplaceAppId> ids = new java.util.LinkedHashSet<>();
        byId.forEach((id, e) -> e.configuration().getSsoSecret().ifPresent(s -> ids.add(id)));
        return java.util.Collections.unmodifiableSet(ids);
    }

    /** The adapter-side configuration of an app the core named; an unknown app is a programming error. */
    AppConfiguration configuration(MarketplaceAppId id) {
        Entry entry = byId.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("No app with id " + id + " is configured");
        }
        return entry.configuration();
    }
}

package io.accesshub.adapter.http.security;

import io.accesshub.application.port.in.AuthenticateApiKeyUseCase;
import io.accesshub.application.port.out.ApiKeyStore;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.StoredApiKey;
import io.accesshub.application.service.ApiKeyService;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The adapter tests' API keys: the configured ones only (bootstrap wires the database-backed store). */
@Factory
class TestApiKeys {

    @Singleton
    AuthenticateApiKeyUseCase authenticateApiKeys(@Value("${accesshub.api.keys:}") String specification) {
        ApiKeyStore none = new ApiKeyStore() {
            @Override
            public void create(StoredApiKey key) {
                throw new UnsupportedOperationException("adapter tests create no keys");
            }

            @Override
            public Optional<StoredApiKey> findActiveByHash(String sha256Hex) {
                return Optional.empty();
            }

            @Override
            public Optional<StoredApiKey> findActiveById(String id) {
                return Optional.empty();
            }

            @Override
            public List<StoredApiKey> list() {
                return List.of();
            }

            @Override
            public boolean revoke(String id, Instant at) {
                return false;
            }

            @Override
            public void recordUse(Map<String, Instant> lastUsedById) {
            }
        };
        MarketplaceApps noApps = new MarketplaceApps() {
            @Override
            public List<MarketplaceApp> all() {
                return List.of();
            }

            @Override
            public Optional<MarketplaceApp> find(MarketplaceAppId id) {
                return Optional.empty();
            }

            @Override
            public Optional<MarketplaceApp> defaultApp() {
                return Optional.empty();
            }
        };
        return new ApiKeyService(none, () -> "unused", noApps, Clock.systemUTC(), ApiKeyRegistry.parse(specification), Duration.ZERO);
    }
}

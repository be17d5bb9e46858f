package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.InMemoryApiKeyStore;
import io.accesshub.application.port.in.ApiKeySummary;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.ConfiguredApiKey;
import io.accesshub.application.port.in.ManageApiKeysUseCase.CreateOutcome;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

    private final InstallServiceTest.MutableClock clock = new InstallServiceTest.MutableClock(TestTimes.NOW);
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final MarketplaceAppId app = TestIds.appId();
    private final FixedMarketplaceApps apps = new FixedMarketplaceApps(new MarketplaceApp(app, "main",
        Scopes.parse("oauth.write")));
    private static final String BOOTSTRAP_KEY = "bootstrap-key-0123456789";

    private ApiKeyService service(InMemoryApiKeyStore shared) {
        return new ApiKeyService(shared, ApiKeyServiceTest::randomKey, apps, clock, List.of(new ConfiguredApiKey(
            new ApiKeyDefinition("ops", Set.of(Permission.ADMIN), AccessScope.unrestricted(), Optional.empty()),
            ApiKeyService.sha256Hex(BOOTSTRAP_KEY))), Duration.ofSeconds(2));
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiKeyDefinition scoped(String name) {
        return new ApiKeyDefinition(name, Set.of(Permission.TOKENS_READ),
            new AccessScope(Set.of(), Set.of(CompanyId.of("company-a")), Set.of()), Optional.empty());
    }

    private static String created(CreateOutcome outcome) {
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).created().key();
    }

    @Test
    void aCreatedKeyHas256BitsAuthenticatesWithItsScopeAndIsStoredOnlyAsAHash() {
        ApiKeyService service = service(store);

        String key = created(service.create(scoped("billing")));

        assertThat(key).startsWith(ApiKeyService.KEY_PREFIX).hasSize(ApiKeyService.KEY_PREFIX.length() + 43);
        assertThat(store.list()).singleElement().satisfies(stored -> {
            assertThat(stored.sha256Hex()).isEqualTo(ApiKeyService.sha256Hex(key)).doesNotContain(key);
            assertThat(stored.toString()).doesNotContain(key);
        });
        Caller caller = service.authenticate(key).orElseThrow();
        assertThat(caller.name()).isEqualTo("billing");
        assertThat(caller.scope().companies()).containsExactly(CompanyId.of("company-a"));
        assertThat(service.authenticate(key + "x")).isEmpty();
        assertThat(service.authenticate(BOOTSTRAP_KEY).orElseThrow().has(Permission.ADMIN)).isTrue();
    }

    @Test
    void namesAreUniqueAmongStoredAndConfiguredKeys() {
        ApiKeyService service = service(store);
        created(service.create(scoped("billing")));

        assertThat(service.create(scoped("billing"))).isEqualTo(new CreateOutcome.NameTaken("billing"));
        assertThat(service.create(scoped("ops"))).isEqualTo(new CreateOutcome.NameTaken("ops"));
    }

    @Test
    void aScopeMayNameOnlyTheHubsAppsAndAnExpiryMustLieAhead() {
        ApiKeyService service = service(store);
        MarketplaceAppId unknown = MarketplaceAppId.of("unknownapp00000000000000");

        assertThat(service.create(new ApiKeyDefinition("x", Set.of(Permission.TOKENS_READ),
            new AccessScope(Set.of(unknown), Set.of(), Set.of()), Optional.empty())))
            .isEqualTo(new CreateOutcome.UnknownApp(unknown.value()));
        assertThat(service.create(new ApiKeyDefinition("y", Set.of(Permission.TOKENS_READ),
            AccessScope.unrestricted(), Optional.of(clock.instant())))).isEqualTo(new CreateOutcome.ExpiryInPast());
        created(service.create(new ApiKeyDefinition("z", Set.of(Permission.TOKENS_READ),
            new AccessScope(Set.of(app), Set.of(), Set.of()), Optional.empty())));
    }

    @Test
    void aKeyRevokedOnOneInstanceStopsWorkingOnAnotherWithinTheCacheTtl() {
        ApiKeyService first = service(store);
        ApiKeyService second = service(store);
        String key = created(first.create(scoped("billing")));
        assertThat(second.authenticate(key)).isPresent();
        String id = store.list().get(0).id();

        assertThat(first.revoke(id)).isTrue();

        assertThat(first.authenticate(key)).as("the revoking instance: at once").isEmpty();
        clock.advance(Duration.ofMillis(1_999));
        assertThat(second.authenticate(key)).as("another instance: still cached").isPresent();
        clock.advance(Duration.ofMillis(2));
        assertThat(second.authenticate(key)).as("another instance: after the TTL").isEmpty();
    }

    @Test
    void anExpiredKeyIdentifiesNobodyEvenFromTheCache() {
        ApiKeyService service = service(store);
        String key = created(service.create(new ApiKeyDefinition("temp", Set.of(Permission.TOKENS_READ),
            AccessScope.unrestricted(), Optional.of(clock.instant().plusSeconds(60)))));
        assertThat(service.authenticate(key)).isPresent();

        clock.advance(Duration.ofSeconds(60));

        assertThat(service.authenticate(key)).isEmpty();
    }

    @Test
    void lookupsAreCachedAndLastUseIsWrittenOncePerMinute() {
        ApiKeyService service = service(store);
        String key = created(service.create(scoped("billing")));
        for (int i = 0; i < 10; i++) {
            service.authenticate(key);
        }
        assertThat(store.lookups()).isEqualTo(1);

        service.flushUsage();

        assertThat(store.list().get(0).lastUsedAt()).contains(clock.instant().truncatedTo(ChronoUnit.MINUTES));
        ApiKeySummary listed = service.list().stream().filter(k -> !k.configured()).findFirst().orElseThrow();
        assertThat(listed.lastUsedAt()).contains(clock.instant().truncatedTo(ChronoUnit.MINUTES));
    }

    @Test
    void configuredKeysAreListedButCannotBeRevoked() {
        ApiKeyService service = service(store);

        assertThat(service.list()).singleElement().satisfies(k -> {
            assertThat(k.configured()).isTrue();
            assertThat(k.id()).isEqualTo("config:ops");
        });
        assertThat(service.revoke("config:ops")).isFalse();
        assertThat(service.authenticate(BOOTSTRAP_KEY)).isPresent();
    }

    @Test
    void aCacheTtlBeyondFiveSecondsIsRefused() {
        assertThatThrownBy(() -> new ApiKeyService(store, ApiKeyServiceTest::randomKey, apps, clock, List.of(), Duration.ofSeconds(6)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("five seconds");
    }
}

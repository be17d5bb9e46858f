package io.accesshub.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.accesshub.application.port.in.ApiKeySummary;
import io.accesshub.application.port.in.AuthenticateApiKeyUseCase;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.ManageApiKeysUseCase;
import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.in.ConfiguredApiKey;
import io.accesshub.application.port.out.ApiKeyGenerator;
import io.accesshub.application.port.out.ApiKeyStore;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.StoredApiKey;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.ApiKeyHash;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * API keys: configured bootstrap keys plus keys created at runtime and kept in the database as SHA-256 hashes. A
 * presented key is hashed and looked up, first among the configured keys, then in a Caffeine cache of stored keys
 * that expires after {@code cacheTtl}: that TTL bounds how long another instance honours a revoked key. Keys are
 * {@code ahk_} plus 32 random bytes (256 bits) in URL-safe base64, from the {@link ApiKeyGenerator}.
 */
public final class ApiKeyService implements ManageApiKeysUseCase, AuthenticateApiKeyUseCase {

    /** Every key the hub generates starts with this, so secret scanners can find leaked ones. */
    public static final String KEY_PREFIX = "ahk_";
    /** The longest TTL of the authentication cache that still revokes a key everywhere within five seconds. */
    public static final Duration MAX_CACHE_TTL = Duration.ofSeconds(5);
    private static final String CONFIGURED_ID_PREFIX = "config:";

    private final ApiKeyStore store;
    private final ApiKeyGenerator generator;
    private final MarketplaceApps apps;
    private final Clock clock;
    private final Map<String, ConfiguredApiKey> configuredByHash;
    private final Cache<String, Optional<StoredApiKey>> storedByHash;
    private final Cache<String, Optional<StoredApiKey>> storedById;
    private final Map<String, Instant> usedMinuteById = new ConcurrentHashMap<>();
    private final Map<String, Instant> unflushedUse = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeyStore store, ApiKeyGenerator generator, MarketplaceApps apps, Clock clock,
                         List<ConfiguredApiKey> configured, Duration cacheTtl) {
        this.store = Objects.requireNonNull(store, "store");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative() || cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("the API key cache TTL must be between 0s and " + MAX_CACHE_TTL.toSeconds()
                + "s, so a revoked key stops working everywhere within five seconds");
        }
        Map<String, ConfiguredApiKey> byHash = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (ConfiguredApiKey key : configured) {
            if (byHash.putIfAbsent(key.sha256Hex(), key) != null) {
                throw new IllegalArgumentException("configured API key '" + key.definition().name()
                    + "' repeats the hash of another key");
            }
            if (names.putIfAbsent(key.definition().name(), key.sha256Hex()) != null) {
                throw new IllegalArgumentException("two configured API keys are named '" + key.definition().name() + "'");
            }
        }
        this.configuredByHash = Map.copyOf(byHash);
        this.storedByHash = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
        this.storedById = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
    }

    @Override
    public Optional<Caller> authenticate(String presentedKey) {
        return identify(presentedKey).map(IdentifiedKey::caller);
    }

    @Override
    public Optional<IdentifiedKey> identify(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        String hash = sha256Hex(presentedKey);
        ConfiguredApiKey configured = configuredByHash.get(hash);
        Instant now = clock.instant();
        if (configured != null) {
            String id = CONFIGURED_ID_PREFIX + configured.definition().name();
            noteUse(id, now, false);
            return Optional.of(new IdentifiedKey(id, callerOf(configured.definition())));
        }
        Optional<StoredApiKey> stored = storedByHash.get(hash, store::findActiveByHash);
        if (stored.isEmpty() || stored.get().definition().isExpiredAt(now)) {
            return Optional.empty();
        }
        noteUse(stored.get().id(), now, true);
        return Optional.of(new IdentifiedKey(stored.get().id(), callerOf(stored.get().definition())));
    }

    @Override
    public Optional<Caller> authenticateById(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (keyId.startsWith(CONFIGURED_ID_PREFIX)) {
            String name = keyId.substring(CONFIGURED_ID_PREFIX.length());
            Optional<ConfiguredApiKey> configured = configuredByHash.values().stream()
                .filter(k -> k.definition().name().equals(name)).findFirst();
            configured.ifPresent(k -> noteUse(keyId, now, false));
            return configured.map(k -> callerOf(k.definition()));
        }
        Optional<StoredApiKey> stored = storedById.get(keyId, store::findActiveById);
        if (stored.isEmpty() || stored.get().definition().isExpiredAt(now)) {
            return Optional.empty();
        }
        noteUse(keyId, now, true);
        return Optional.of(callerOf(stored.get().definition()));
    }

    @Override
    public CreateOutcome create(ApiKeyDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        boolean configuredName = configuredByHash.values().stream()
            .anyMatch(k -> k.definition().name().equals(definition.name()));
        if (configuredName) {
            return new CreateOutcome.NameTaken(definition.name());
        }
        for (MarketplaceAppId app : definition.scope().apps()) {
            if (apps.find(app).isEmpty()) {
                return new CreateOutcome.UnknownApp(app.value());
            }
        }
        Instant now = clock.instant();
        if (definition.isExpiredAt(now)) {
            return new CreateOutcome.ExpiryInPast();
        }
        String key = KEY_PREFIX + generator.newKey();
        String hash = sha256Hex(key);
        // the id is derived from the hash (a hash of the hash, so it reveals nothing): unique per key, no randomness
        StoredApiKey stored = new StoredApiKey(ApiKeyHash.of("id:" + hash).substring(0, 32), definition, hash,
            now.truncatedTo(ChronoUnit.MILLIS), Optional.empty(), Optional.empty());
        try {
            store.create(stored);
        } catch (AlreadyExistsException taken) {
            return new CreateOutcome.NameTaken(definition.name());
        }
        return new CreateOutcome.Created(new CreatedApiKey(summaryOf(stored), key));
    }

    @Override
    public List<ApiKeySummary> list() {
        List<ApiKeySummary> keys = new ArrayList<>();
        for (ConfiguredApiKey key : configuredByHash.values()) {
            String id = CONFIGURED_ID_PREFIX + key.definition().name();
            keys.add(new ApiKeySummary(id, key.definition(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(usedMinuteById.get(id)), true));
        }
        store.list().forEach(stored -> keys.add(summaryOf(stored)));
        return keys;
    }

    @Override
    public boolean revoke(String id) {
        Objects.requireNonNull(id, "id");
        if (id.startsWith(CONFIGURED_ID_PREFIX)) {
            return false;
        }
        boolean revoked = store.revoke(id, clock.instant());
        if (revoked) {
            storedByHash.asMap().values().removeIf(k -> k.map(s -> s.id().equals(id)).orElse(false));
            storedById.invalidate(id);
        }
        return revoked;
    }

    /** Writes the minutes keys were last used since the previous flush. */
    public void flushUsage() {
        if (unflushedUse.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String id : new ArrayList<>(unflushedUse.keySet())) {
            Instant minute = unflushedUse.remove(id);
            if (minute != null) {
                batch.put(id, minute);
            }
        }
        try {
            store.recordUse(batch);
        } catch (RuntimeException failed) {
            batch.forEach((id, minute) -> unflushedUse.merge(id, minute, (a, b) -> a.isAfter(b) ? a : b));
            throw failed;
        }
    }

    private void noteUse(String id, Instant now, boolean stored) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant previous = usedMinuteById.put(id, minute);
        if (stored && !minute.equals(previous)) {
            unflushedUse.merge(id, minute, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private ApiKeySummary summaryOf(StoredApiKey stored) {
        Optional<Instant> lastUsed = stored.lastUsedAt();
        Instant local = usedMinuteById.get(stored.id());
        if (local != null && lastUsed.map(l -> l.isBefore(local)).orElse(true)) {
            lastUsed = Optional.of(local);
        }
        return new ApiKeySummary(stored.id(), stored.definition(), Optional.of(stored.createdAt()),
            stored.revokedAt(), lastUsed, false);
    }

    private static Caller callerOf(ApiKeyDefinition definition) {
        return new Caller(definition.name(), definition.permissions(), definition.scope());
    }

    /** SHA-256 of a key as lower-case hex: what the hub stores and what an operator configures. */
    public static String sha256Hex(String key) {
        return ApiKeyHash.of(key);
    }
}

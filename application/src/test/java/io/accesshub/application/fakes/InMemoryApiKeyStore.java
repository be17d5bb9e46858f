package io.accesshub.application.fakes;

import io.accesshub.application.port.out.AlreadyExistsException;
import io.accesshub.application.port.out.ApiKeyStore;
import io.accesshub.application.port.out.StoredApiKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ApiKeyStore} in memory, counting lookups so tests can see the authentication cache work. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, StoredApiKey> byId = new LinkedHashMap<>();
    private int lookups;

    @Override
    public synchronized void create(StoredApiKey key) {
        if (byId.values().stream().anyMatch(k -> k.definition().name().equals(key.definition().name()))) {
            throw new AlreadyExistsException("name taken");
        }
        byId.put(key.id(), key);
    }

    @Override
    public synchronized Optional<StoredApiKey> findActiveByHash(String sha256Hex) {
        lookups++;
        return byId.values().stream().filter(k -> k.sha256Hex().equals(sha256Hex) && k.revokedAt().isEmpty())
            .findFirst();
    }

    @Override
    public synchronized Optional<StoredApiKey> findActiveById(String id) {
        lookups++;
        return Optional.ofNullable(byId.get(id)).filter(k -> k.revokedAt().isEmpty());
    }

    @Override
    public synchronized List<StoredApiKey> list() {
        return new ArrayList<>(byId.values());
    }

    @Override
    public synchronized boolean revoke(String id, Instant at) {
        StoredApiKey key = byId.get(id);
        if (key == null) {
            return false;
        }
        if (key.revokedAt().isEmpty()) {
            byId.put(id, new StoredApiKey(key.id(), key.definition(), key.sha256Hex(), key.createdAt(),
                Optional.of(at), key.lastUsedAt()));
        }
        return true;
    }

    @Override
    public synchronized void recordUse(Map<String, Instant> lastUsedById) {
        lastUsedById.forEach((id, minute) -> {
            StoredApiKey key = byId.get(id);
            if (key != null && key.lastUsedAt().map(l -> l.isBefore(minute)).orElse(true)) {
                byId.put(id, new StoredApiKey(key.id(), key.definition(), key.sha256Hex(), key.createdAt(),
                    key.revokedAt(), Optional.of(minute)));
            }
        });
    }

    public synchronized int lookups() {
        return lookups;
    }
}

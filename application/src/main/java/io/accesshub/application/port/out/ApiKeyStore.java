package io.accesshub.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API keys created at runtime, shared by every instance through the database. */
public interface ApiKeyStore {

    /** Stores a new key; {@link AlreadyExistsException} when its name is taken. */
    void create(StoredApiKey key);

    /** The unrevoked key with this SHA-256, if any. */
    Optional<StoredApiKey> findActiveByHash(String sha256Hex);

    /** The unrevoked key with this id, if any. */
    Optional<StoredApiKey> findActiveById(String id);

    /** Every key, revoked ones included, oldest first. */
    List<StoredApiKey> list();

    /** Marks the key revoked at {@code at}; answers false when no such key exists (a revoked key stays revoked). */
    boolean revoke(String id, Instant at);

    /** Moves {@code lastUsedAt} forward to the given minutes, per key id. */
    void recordUse(Map<String, Instant> lastUsedById);
}

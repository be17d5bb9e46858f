package io.accesshub.application.port.in;

import java.util.Objects;
import java.util.Optional;

/** Turns a presented API key into the caller it identifies; unknown, revoked and expired keys identify nobody. */
public interface AuthenticateApiKeyUseCase {

    /** The caller this key identifies, if it is valid now. */
    Optional<Caller> authenticate(String presentedKey);

    /** The key's id with its caller, if the key is valid now (what a console session remembers instead of the key). */
    Optional<IdentifiedKey> identify(String presentedKey);

    /**
     * The caller of the key with this id, if it is still valid now: unknown, revoked and expired keys identify
     * nobody. Stored keys are looked up through the same cache as presented keys, so a revocation on another instance
     * takes effect within the cache's TTL.
     */
    Optional<Caller> authenticateById(String keyId);

    /**
     * A valid key: its id and who it identifies.
     *
     * @param id     the key's id ({@code config:<name>} for a configured key)
     * @param caller its name, permissions and scope
     */
    record IdentifiedKey(String id, Caller caller) {

        public IdentifiedKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(caller, "caller");
        }
    }
}

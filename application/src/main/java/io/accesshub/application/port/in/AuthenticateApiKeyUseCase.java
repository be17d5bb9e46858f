package io.accesshub.application.port.in;

import java.util.Optional;

/** Turns a presented API key into the caller it identifies; unknown, revoked and expired keys identify nobody. */
public interface AuthenticateApiKeyUseCase {

    /** The caller this key identifies, if it is valid now. */
    Optional<Caller> authenticate(String presentedKey);
}

package io.accesshub.application.port.in;

import io.accesshub.domain.console.ConsoleSessionToken;
import java.util.Objects;

/**
 * The operator behind a console session: the admin key it was opened with (checked again on every request) and the
 * session's token, from which the CSRF token of its forms is derived.
 *
 * @param keyId   the key's id ({@code config:<name>} for a configured key)
 * @param keyName the key's name, as the audit records it
 * @param session the session's token (never shown; its {@code toString} is redacted)
 */
public record ConsoleOperator(String keyId, String keyName, ConsoleSessionToken session) {

    public ConsoleOperator {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(session, "session");
    }

    /** The token every state-changing form of this session carries in a hidden field. */
    public String csrfToken() {
        return session.csrfToken();
    }

    /** Whether a form's token belongs to this session. */
    public boolean acceptsCsrf(String presented) {
        return session.acceptsCsrf(presented);
    }
}

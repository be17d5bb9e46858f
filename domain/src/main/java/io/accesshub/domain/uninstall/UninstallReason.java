package io.accesshub.domain.uninstall;

import io.accesshub.domain.shared.DomainException;
import java.util.Objects;
import java.util.Optional;

/** Why the developer removes the app, as sent to HighLevel: 1 to {@value #MAX_LENGTH} characters, trimmed. */
public record UninstallReason(String value) {

    /** The longest reason accepted. */
    public static final int MAX_LENGTH = 200;
    /** The reason sent when the caller gives none. */
    public static final UninstallReason DEFAULT = new UninstallReason("Uninstalled by the app");

    public UninstallReason {
        Objects.requireNonNull(value, "value");
        value = value.strip();
        DomainException.require(!value.isEmpty(), "an uninstall reason must not be blank");
        DomainException.require(value.length() <= MAX_LENGTH,
            "an uninstall reason must not be longer than " + MAX_LENGTH + " characters");
    }

    /** The given reason, or {@link #DEFAULT} when none is given. */
    public static UninstallReason orDefault(Optional<String> given) {
        return given.map(UninstallReason::new).orElse(DEFAULT);
    }
}

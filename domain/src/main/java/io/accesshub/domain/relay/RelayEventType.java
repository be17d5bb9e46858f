package io.accesshub.domain.relay;

import io.accesshub.domain.installation.InstallationEventType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The event types subscribers see: each lifecycle event as {@code installation.<kind>}, for example
 * {@code installation.needs_reauth}; stable names, documented in {@code docs/extending.md}.
 */
public enum RelayEventType {
    INSTALLED(InstallationEventType.INSTALLED),
    ACTIVATED(InstallationEventType.ACTIVATED),
    DEGRADED(InstallationEventType.DEGRADED),
    SUSPENDED(InstallationEventType.SUSPENDED),
    NEEDS_REAUTH(InstallationEventType.NEEDS_REAUTH),
    RECOVERED(InstallationEventType.RECOVERED),
    UNINSTALLED(InstallationEventType.UNINSTALLED),
    REINSTALLED(InstallationEventType.REINSTALLED),
    PLAN_CHANGED(InstallationEventType.PLAN_CHANGED),
    SCOPES_MISSING(InstallationEventType.SCOPES_MISSING);

    private static final String PREFIX = "installation.";

    private final InstallationEventType lifecycle;

    RelayEventType(InstallationEventType lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The name subscribers see, e.g. {@code installation.needs_reauth}. */
    public String wireName() {
        return PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** The relay type of a lifecycle event. */
    public static RelayEventType of(InstallationEventType lifecycle) {
        Objects.requireNonNull(lifecycle, "lifecycle");
        return Arrays.stream(values()).filter(t -> t.lifecycle == lifecycle).findFirst()
            .orElseThrow(() -> new IllegalStateException("no relay type for " + lifecycle));
    }

    /** The type a subscriber named, if it is one. */
    public static Optional<RelayEventType> fromWireName(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.wireName().equals(wireName)).findFirst();
    }
}

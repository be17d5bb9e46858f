package io.accesshub.domain.installation;

import io.accesshub.domain.marketplace.PlanId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to an installation's lifecycle, recorded by the aggregate and published after saving; it
 * carries the app's plan the installation was on (the new one for {@link InstallationEventType#PLAN_CHANGED}).
 */
public record InstallationEvent(InstallationEventType type, InstallationId installationId, InstallationKey key,
                                InstallationStatus status, StateReason reason, Instant occurredAt,
                                Optional<PlanId> plan) {

    public InstallationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(plan, "plan");
    }

    /** An event of an installation on no known plan. */
    public InstallationEvent(InstallationEventType type, InstallationId installationId, InstallationKey key,
                             InstallationStatus status, StateReason reason, Instant occurredAt) {
        this(type, installationId, key, status, reason, occurredAt, Optional.empty());
    }
}

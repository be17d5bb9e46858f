package io.accesshub.domain.installation;

import java.time.Instant;
import java.util.Objects;

/** Something that happened to an installation's lifecycle, recorded by the aggregate and published after saving. */
public record InstallationEvent(InstallationEventType type, InstallationId installationId, InstallationKey key,
                                InstallationStatus status, StateReason reason, Instant occurredAt) {

    public InstallationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package io.accesshub.application.service;

import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.shared.DomainException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Applies one lifecycle change to a stored installation and publishes its events in the same transaction; a change
 * that lost a race is decided again on the newer state, and a change the installation's rules refuse is skipped.
 */
public final class InstallationTransitions {

    private final InstallationRepository installations;
    private final InstallationEventPublisher events;
    private final TransactionRunner transactions;

    public InstallationTransitions(InstallationRepository installations, InstallationEventPublisher events,
                                   TransactionRunner transactions) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Applies {@code change} to the installation as stored now; returns whether anything changed. */
    public boolean apply(InstallationId id, UnaryOperator<Installation> change) {
        return RetryOnConflict.run(() -> transactions.inTransaction(() -> installations.findById(id)
                .map(current -> {
                    Installation changed;
                    try {
                        changed = change.apply(current);
                    } catch (DomainException notApplicable) {
                        return false;
                    }
                    if (changed == current) {
                        return false;
                    }
                    installations.update(changed);
                    events.publish(changed.recordedEvents());
                    return true;
                })
                .orElse(false)))
            .orElse(false);
    }
}

package io.accesshub.application.service;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.shared.DomainException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Applies one lifecycle change to a stored installation and publishes its events in the same transaction; a change
 * that lost a race is decided again on the newer state, and a change the installation's rules refuse is skipped. A
 * change that uninstalls erases the installation's grant in the same transaction: an uninstalled app holds no tokens.
 */
public final class InstallationTransitions {

    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final InstallationEventPublisher events;
    private final TransactionRunner transactions;

    public InstallationTransitions(InstallationRepository installations, GrantRepository grants,
                                   InstallationEventPublisher events, TransactionRunner transactions) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
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
                    if (changed.status() == InstallationStatus.UNINSTALLED
                        && current.status() != InstallationStatus.UNINSTALLED) {
                        grants.deleteByInstallationId(changed.id());
                    }
                    installations.update(changed);
                    events.publish(changed.recordedEvents());
                    return true;
                })
                .orElse(false)))
            .orElse(false);
    }
}

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
 * change that uninstalls erases the installation's grant in the same transaction ({@link InstallationStatus#keepsGrant}).
 * Services that decide a change inside a transaction of their own store it with {@link #record}.
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
                    record(current, changed);
                    return true;
                })
                .orElse(false)))
            .orElse(false);
    }

    /**
     * Stores {@code changed}, decided from {@code current}, inside the caller's transaction: erases the grant whenever
     * the stored state keeps none (also when an uninstalled row is only relabelled or restamped, so no grant outlives
     * its uninstall), updates the row and publishes the change's events; returns the installation as stored. Nothing
     * is written when {@code changed} is {@code current}.
     */
    public Installation record(Installation current, Installation changed) {
        if (changed == current) {
            return current;
        }
        if (!changed.status().keepsGrant()) {
            grants.deleteByInstallationId(changed.id());
        }
        Installation stored = installations.update(changed);
        events.publish(changed.recordedEvents());
        return stored;
    }
}

package io.accesshub.application.service;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.domain.exchange.CascadeStep;
import io.accesshub.domain.exchange.CompanyCascade;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Applies an agency installation's loss (needs-reauth or uninstalled) to the location grants minted from it, one
 * location per transaction, following the domain's {@link CompanyCascade} rule; locations with their own direct
 * grants are left alone, except when the developer removed the app from the agency ({@link #cascadeDeveloperRemoval}). Built once in {@code bootstrap} and shared by the services that cascade.
 */
public final class CompanyCascadeRunner {

    private static final int PAGE = 200;

    private final InstallationRepository installations;
    private final GrantRepository grants;
    private final InstallationTransitions transitions;
    private final TransactionRunner transactions;
    private final Clock clock;

    public CompanyCascadeRunner(InstallationRepository installations, GrantRepository grants,
                                InstallationTransitions transitions, TransactionRunner transactions, Clock clock) {
        this.installations = Objects.requireNonNull(installations, "installations");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Cascades the current state of this agency installation; returns how many locations changed. */
    public int cascade(Installation company) {
        return cascade(company, (location, grant) -> CompanyCascade.decide(company, location, grant));
    }

    /**
     * Applies the developer's removal of the app from this (uninstalled) agency installation to every installed
     * location installation of the app and company, direct grants included
     * ({@link CompanyCascade#decideAfterDeveloperRemoval}); returns how many locations changed.
     */
    public int cascadeDeveloperRemoval(Installation company) {
        return cascade(company, (location, grant) -> CompanyCascade.decideAfterDeveloperRemoval(company, location));
    }

    private int cascade(Installation company, BiFunction<Installation, Optional<Grant>, CascadeStep> rule) {
        int changed = 0;
        Optional<InstallationId> after = Optional.empty();
        while (true) {
            List<Installation> page = installations.locationsOfCompany(company.key().appId(),
                company.key().companyId(), after, PAGE);
            for (Installation location : page) {
                if (applyTo(location, rule)) {
                    changed++;
                }
            }
            if (page.size() < PAGE) {
                return changed;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private boolean applyTo(Installation location, BiFunction<Installation, Optional<Grant>, CascadeStep> rule) {
        return RetryOnConflict.run(() -> transactions.inTransaction(() -> {
            Optional<Installation> current = installations.findById(location.id());
            if (current.isEmpty()) {
                return false;
            }
            CascadeStep step = rule.apply(current.get(), grants.findByInstallationId(location.id()));
            Instant now = clock.instant();
            Installation changed;
            try {
                if (step instanceof CascadeStep.MarkNeedsReauth lost) {
                    changed = current.get().markNeedsReauth(lost.reason(), now);
                } else if (step instanceof CascadeStep.Uninstall removed) {
                    changed = current.get().uninstall(removed.reason(), now, now);
                } else {
                    return false;
                }
            } catch (DomainException notApplicable) {
                return false;
            }
            transitions.record(current.get(), changed);
            return true;
        })).orElse(false);
    }
}

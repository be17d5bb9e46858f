package io.accesshub.domain.grant;

import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.shared.DomainException;

import java.util.Objects;

/** What {@link RefreshRecovery} says to do after a failed refresh. */
public sealed interface RecoveryStep {

    /** Keep the tokens, degrade the installation and retry later with backoff and jitter. */
    record Degrade(StateReason reason) implements RecoveryStep {
        public Degrade {
            requireReasonOf(reason, InstallationStatus.DEGRADED);
        }
    }

    /** Keep the refresh token, suspend the installation and retry later with backoff. */
    record Suspend(StateReason reason) implements RecoveryStep {
        public Suspend {
            requireReasonOf(reason, InstallationStatus.SUSPENDED);
        }
    }

    /** Present the same refresh token once more, while HighLevel's grace window still returns the same pair. */
    record RetrySameRefreshToken() implements RecoveryStep {
    }

    /** Mint a new location token from the agency's grant through {@code /oauth/locationToken}. */
    record RemintFromCompany() implements RecoveryStep {
    }

    /**
     * The app's client credentials were refused: change nothing on the grant or its installation, and stop refreshing
     * the app's grants until its credentials work again.
     */
    record HoldForAppCredentials() implements RecoveryStep {
    }

    /** No recovery path is left: mark the installation needs-reauth. */
    record MarkNeedsReauth(StateReason reason) implements RecoveryStep {
        public MarkNeedsReauth {
            requireReasonOf(reason, InstallationStatus.NEEDS_REAUTH);
        }
    }

    private static void requireReasonOf(StateReason reason, InstallationStatus status) {
        Objects.requireNonNull(reason, "reason");
        DomainException.require(reason.status() == status, "reason " + reason + " does not explain " + status);
    }
}

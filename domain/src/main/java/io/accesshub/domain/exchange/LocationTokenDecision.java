package io.accesshub.domain.exchange;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;

import java.util.Objects;

/** The reasoned answer of {@link LocationTokenPolicy}: mint the location token, or why not. */
public sealed interface LocationTokenDecision {

    /** Whether minting may go ahead. */
    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** Mint the token for {@code location} with the grant of the company installation {@code companyInstallationId}. */
    record Allowed(InstallationId companyInstallationId, InstallationKey location) implements LocationTokenDecision {
        public Allowed {
            Objects.requireNonNull(companyInstallationId, "companyInstallationId");
            Objects.requireNonNull(location, "location");
        }
    }

    /** Minting is not allowed, for {@code reason}; {@code explanation} is safe to log and show. */
    record Refused(Reason reason, String explanation) implements LocationTokenDecision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** Why minting is refused. */
    enum Reason {
        /** The source installation is a location's, not an agency's. */
        NOT_A_COMPANY_INSTALLATION,
        /** The company installation belongs to another marketplace app. */
        OTHER_APP,
        /** The company installation belongs to another company. */
        OTHER_COMPANY,
        /** The company installation is not active (or degraded): pending, suspended, needs-reauth or uninstalled. */
        COMPANY_NOT_ACTIVE,
        /** The company grant lacks the {@code oauth.write} scope. */
        MISSING_OAUTH_WRITE
    }
}

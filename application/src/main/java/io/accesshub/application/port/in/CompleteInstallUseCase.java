package io.accesshub.application.port.in;

import io.accesshub.domain.installation.InstallReference;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import java.util.Objects;
import java.util.Optional;

/**
 * Completes an install from HighLevel's OAuth redirect: checks the state and that the browser presenting it is the
 * one that started the install (or accepts a marketplace-initiated install without a state), exchanges the code
 * exactly once and stores the installation and its grant in one transaction.
 */
public interface CompleteInstallUseCase {

    /** Handles one callback. */
    InstallOutcome complete(CompleteInstall command);

    /**
     * The callback's parameters and the browser binding (install cookie) the browser presented; the code's value
     * never appears in {@code toString}.
     */
    record CompleteInstall(String code, Optional<String> state, Optional<MarketplaceAppId> app,
                           Optional<String> browserBinding) {
        public CompleteInstall {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(browserBinding, "browserBinding");
        }

        @Override
        public String toString() {
            return "CompleteInstall[code=<redacted>, state=" + (state.isPresent() ? "<present>" : "<none>") + ", app="
                + app + ", browserBinding=" + (browserBinding.isPresent() ? "<present>" : "<none>") + "]";
        }
    }

    /** How the callback ended. */
    sealed interface InstallOutcome {
        /**
         * The install is stored and active; {@code ref} is the reference given to the install link, {@code handle} a
         * signed value any instance resolves to this install for 24 hours ({@link FindInstallByHandleUseCase}).
         */
        record Installed(InstallationId installationId, UserType userType, CompanyId companyId,
                         Optional<LocationId> locationId, Optional<InstallReference> ref, String handle)
            implements InstallOutcome {
        }

        /**
         * HighLevel issued the tokens but our database could not store them at that moment: this instance keeps them
         * and stores them as soon as the database answers (the code cannot be exchanged twice).
         */
        record Received(UserType userType, CompanyId companyId, Optional<LocationId> locationId)
            implements InstallOutcome {
        }

        /** Nothing was stored; {@code code} is stable for clients and pages. */
        record Refused(InstallRefusal reason) implements InstallOutcome {
        }
    }

    /** Why an install was refused, with a stable code. */
    enum InstallRefusal {
        MISSING_CODE("missing_code", "The callback carried no authorization code."),
        STATE_REQUIRED("state_required", "Installs must be started from this service."),
        STATE_UNKNOWN("state_unknown", "The install link is not known here; start the install again."),
        STATE_OTHER_BROWSER("state_other_browser",
            "This install was started in another browser (or its cookie is gone); start the install again here."),
        STATE_EXPIRED("state_expired", "The install link expired; start the install again."),
        STATE_REUSED("state_reused", "This install link was already used."),
        UNKNOWN_APP("unknown_app", "The app is not configured in this hub."),
        CODE_REJECTED("code_rejected", "HighLevel refused the authorization code (expired or already used)."),
        MARKETPLACE_UNAVAILABLE("marketplace_unavailable",
            "HighLevel could not be reached or did not answer; start the install again.");

        private final String code;
        private final String message;

        InstallRefusal(String code, String message) {
            this.code = code;
            this.message = message;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
        }
    }
}

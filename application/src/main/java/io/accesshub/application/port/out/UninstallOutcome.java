package io.accesshub.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What HighLevel answered to one uninstall request, classified; details never contain a token. */
public sealed interface UninstallOutcome {

    /** HighLevel removed the app. */
    record Removed() implements UninstallOutcome {
    }

    /** HighLevel says the app is not installed there (any more). */
    record NotInstalled() implements UninstallOutcome {
    }

    /** HighLevel did not accept the access token the request carried (401). */
    record TokenRejected() implements UninstallOutcome {
    }

    /** Nothing known to have happened: 5xx, 429, a timeout or a network failure; retry later. */
    record Unavailable(Optional<Duration> retryAfter, String cause) implements UninstallOutcome {
        public Unavailable {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** A refusal HighLevel does not explain (missing scope, an unknown 4xx). */
    record Refused(int status, String detail) implements UninstallOutcome {
        public Refused {
            Objects.requireNonNull(detail, "detail");
        }
    }
}

package io.accesshub.domain.uninstall;

import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.grant.Scope;
import io.accesshub.domain.installation.Installation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule for HighLevel's answer to a developer uninstall: removed and not installed complete it; credentials revoked
 * complete it only when a call may already have been sent for the request ({@link UninstallRequest#sent()}: what a
 * repeated call sees after an earlier one succeeded but its answer was lost), and otherwise keep it as
 * {@link UninstallFailure#NO_USABLE_CREDENTIALS}, since HighLevel was never told; anything else keeps the request and
 * retries it with {@link UninstallBackoff}.
 */
public final class DeveloperUninstall {

    private DeveloperUninstall() {
    }

    /**
     * Whether {@code request} no longer applies to {@code installation}: the app was installed there again after the
     * request was made (a queued or crash-retried request must not remove a newer install). Such a request is dropped
     * without asking HighLevel or recording anything.
     */
    public static boolean isSuperseded(UninstallRequest request, Installation installation) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(installation, "installation");
        return installation.installedSince(request.requestedAt());
    }

    /**
     * Whether {@code grant} may authorise HighLevel's uninstall, which needs {@code oauth.write}: a grant without it
     * is not used (nor renewed) for the call.
     */
    public static boolean canAuthorise(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        return grant.scopes().covers(Scope.OAUTH_WRITE);
    }

    /** The next step for {@code request} after an attempt at {@code now} that came to {@code answer}. */
    public static UninstallStep next(UninstallRequest request, MarketplaceAnswer answer,
                                     Optional<Duration> retryAfter, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        if (answer == MarketplaceAnswer.CREDENTIALS_REVOKED && !request.sent()) {
            return new UninstallStep.RetryLater(
                request.failed(UninstallFailure.NO_USABLE_CREDENTIALS, retryAfter, now));
        }
        return answer.failure()
            .<UninstallStep>map(failure -> new UninstallStep.RetryLater(request.failed(failure, retryAfter, now)))
            .orElseGet(UninstallStep.Complete::new);
    }
}

package io.accesshub.domain.uninstall;

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

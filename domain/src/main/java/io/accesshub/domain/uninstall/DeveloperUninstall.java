package io.accesshub.domain.uninstall;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule for HighLevel's answer to a developer uninstall: removed, not installed, or credentials revoked (what a
 * repeated call sees after an earlier one succeeded but its answer was lost) all complete it; anything else keeps the
 * request and retries it with {@link UninstallBackoff}.
 */
public final class DeveloperUninstall {

    private DeveloperUninstall() {
    }

    /** The next step for {@code request} after an attempt at {@code now} that came to {@code answer}. */
    public static UninstallStep next(UninstallRequest request, MarketplaceAnswer answer,
                                     Optional<Duration> retryAfter, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        return answer.failure()
            .<UninstallStep>map(failure -> new UninstallStep.RetryLater(request.failed(failure, retryAfter, now)))
            .orElseGet(UninstallStep.Complete::new);
    }
}

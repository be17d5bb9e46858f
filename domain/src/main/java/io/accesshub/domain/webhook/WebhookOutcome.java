package io.accesshub.domain.webhook;

import java.time.Instant;
import java.util.Objects;

/** What handling one stored webhook came to: done, to be tried again later, or given up on (a dead letter). */
public sealed interface WebhookOutcome {

    /** Handled; nothing more to do. */
    record Done() implements WebhookOutcome {
    }

    /** Not handled now (HighLevel or an extension unavailable): try again from {@code after}. */
    record RetryLater(Instant after, String reason) implements WebhookOutcome {
        public RetryLater {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Failed too often: parked as a dead letter until an operator replays it. */
    record Dead(String reason) implements WebhookOutcome {
        public Dead {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The outcome of a handled event. */
    static WebhookOutcome done() {
        return new Done();
    }
}

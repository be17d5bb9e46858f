package io.accesshub.application.port.in;

import java.time.Duration;
import java.util.Objects;

/** What a report of a rejected token came to; callers switch over it exhaustively. */
public sealed interface RejectionReportResult {

    /** The token API's answer after the report was handled (re-validated, or stale and left alone). */
    record Answered(TokenResult answer) implements RejectionReportResult {
        public Answered {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** The report named the current token, but this installation's re-validations are spent for now. */
    record RateLimited(Duration retryAfter) implements RejectionReportResult {
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}

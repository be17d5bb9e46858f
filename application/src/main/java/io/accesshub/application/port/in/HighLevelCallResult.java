package io.accesshub.application.port.in;

import io.accesshub.domain.budget.BudgetRemaining;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a call through the hub came to; callers switch over it exhaustively. */
public sealed interface HighLevelCallResult {

    /** What is left of the resource's budget for product calls, when the call got as far as the budget. */
    Optional<BudgetRemaining> budget();

    /** HighLevel answered (any status, its 4xx and 5xx included): status, the headers that go back, body. */
    record Answered(int status, Map<String, List<String>> headers, byte[] body, Optional<BudgetRemaining> budget)
        implements HighLevelCallResult {
        public Answered {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(budget, "budget");
        }
    }

    /** The path may not be called through the hub ({@code oauth/}, {@code marketplace/}, or malformed). */
    record PathRefused(String why) implements HighLevelCallResult {
        @Override
        public Optional<BudgetRemaining> budget() {
            return Optional.empty();
        }
    }

    /** No usable token: the token API's answer for the resource (not installed, needs reauth, suspended, ...). */
    record NoToken(TokenResult answer) implements HighLevelCallResult {
        @Override
        public Optional<BudgetRemaining> budget() {
            return Optional.empty();
        }
    }

    /** The burst budget had no room before the caller's deadline; HighLevel was not called (again). */
    record BudgetExhausted(Duration retryAfter, Optional<BudgetRemaining> budget) implements HighLevelCallResult {
    }

    /** The day's budget is spent; HighLevel was not called. */
    record DailyBudgetExhausted(Duration retryAfter, Optional<BudgetRemaining> budget)
        implements HighLevelCallResult {
    }

    /**
     * HighLevel rejected the token (401) on a call the hub may not repeat; the token was re-validated and the caller
     * may repeat the call.
     */
    record TokenRejected(Optional<BudgetRemaining> budget) implements HighLevelCallResult {
    }

    /** HighLevel did not answer; {@code maybeSent} tells whether the call may have reached it. */
    record NoAnswer(boolean maybeSent, Optional<BudgetRemaining> budget) implements HighLevelCallResult {
    }
}

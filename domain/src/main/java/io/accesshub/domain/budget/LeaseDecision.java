package io.accesshub.domain.budget;

import java.time.Instant;

/** What a lease request gets: a slice of calls for one slot, or when to ask again. */
public sealed interface LeaseDecision {

    /** {@code granted} calls (at least one) may be made during {@code slot}; {@code next} is the state to store. */
    record Leased(BudgetState next, long slot, long day, int granted) implements LeaseDecision {
    }

    /** The sliding window (or a pause HighLevel asked for) has no room before {@code retryAt}. */
    record BurstFull(Instant retryAt) implements LeaseDecision {
    }

    /** Today's budget is spent; it comes back at {@code retryAt}, the next day boundary. */
    record DailyFull(Instant retryAt) implements LeaseDecision {
    }
}

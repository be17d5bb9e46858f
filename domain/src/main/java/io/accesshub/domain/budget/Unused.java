package io.accesshub.domain.budget;

/** Calls leased for a sub-window that ended before they were made: handed back to the budget. */
public record Unused(long slot, long day, int calls) {

    public Unused {
        if (calls < 0) {
            throw new IllegalArgumentException("unused calls must not be negative");
        }
    }
}

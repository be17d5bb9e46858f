package io.accesshub.domain.budget;

/** What is left for a priority class: calls in the current sliding window, and calls today. */
public record BudgetRemaining(int burst, long daily) {

    public BudgetRemaining {
        burst = Math.max(0, burst);
        daily = Math.max(0, daily);
    }
}

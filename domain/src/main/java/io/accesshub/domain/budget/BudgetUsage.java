package io.accesshub.domain.budget;

/** What a budget has counted: calls in the current sliding window, and calls today. */
public record BudgetUsage(int burst, long daily) {
}

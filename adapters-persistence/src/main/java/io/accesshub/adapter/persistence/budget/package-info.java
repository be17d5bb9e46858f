/** The shared rate budgets ({@code rate_budget}): one row per (app, resource), changed by conditional updates. */
package io.accesshub.adapter.persistence.budget;

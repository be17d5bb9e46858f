/** Rate budgets per (app, resource): the sliding-window and daily arithmetic shared by every hub instance. */
package io.accesshub.domain.budget;

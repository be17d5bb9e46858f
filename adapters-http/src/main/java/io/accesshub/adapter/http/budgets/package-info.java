/** Read-only budget API: the shared HighLevel rate budgets of a company or location, within the key's scope. */
package io.accesshub.adapter.http.budgets;

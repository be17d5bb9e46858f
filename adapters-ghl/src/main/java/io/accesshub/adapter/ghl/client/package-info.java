/**
 * The in-process client for code embedding the hub: Micronaut HTTP clients with id {@code highlevel-calls} call
 * HighLevel through {@code HighLevelCalls} (token, {@code Version}, shared budget, 401 handling).
 */
package io.accesshub.adapter.ghl.client;

/** Outbound adapter to HighLevel: one paced, rate-limit-aware client for the marketplace's OAuth endpoints. */
package io.accesshub.adapter.ghl;

/** HighLevel's marketplace webhooks in the hub's own words: typed events, admission and retry rules, outcomes. */
package io.accesshub.domain.webhook;

/**
 * Verification of the hub's signed lifecycle event deliveries (Standard Webhooks), with no dependency beyond the JDK:
 * {@link io.accesshub.webhooks.WebhookVerifier} for receivers, {@link io.accesshub.webhooks.StandardWebhooks} for the
 * scheme itself.
 */
package io.accesshub.webhooks;

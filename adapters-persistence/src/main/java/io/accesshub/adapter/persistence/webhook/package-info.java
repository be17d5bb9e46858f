/** The webhook inbox: verified events stored once per webhookId before the hub acknowledges them. */
package io.accesshub.adapter.persistence.webhook;

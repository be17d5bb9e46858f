/** Signed webhook intake: signatures verified over the exact bytes, events stored durably before the 200. */
package io.accesshub.adapter.http.webhook;

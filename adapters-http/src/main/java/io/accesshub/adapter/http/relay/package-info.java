/**
 * The lifecycle event relay over HTTP: the operators' subscription API under {@code /api/v1/admin}, the JSON body
 * subscribers receive, and the outbound sender that delivers it.
 */
package io.accesshub.adapter.http.relay;

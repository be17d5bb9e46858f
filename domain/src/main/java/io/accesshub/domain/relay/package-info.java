/**
 * The rules of the lifecycle event relay to services outside the hub: the names subscribers see, which URLs and
 * addresses may receive events, and how failed deliveries are retried.
 */
package io.accesshub.domain.relay;

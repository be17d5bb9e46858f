/** The agency-to-location token exchange rule. */
package io.accesshub.domain.exchange;

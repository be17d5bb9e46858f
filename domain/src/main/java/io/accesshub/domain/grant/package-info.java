/** The grant aggregate (the tokens of one installation), scopes, refresh timing and the refresh recovery ladder. */
package io.accesshub.domain.grant;

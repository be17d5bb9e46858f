/** The grant aggregate (the tokens of one installation), scopes and the refresh timing policy. */
package io.accesshub.domain.grant;

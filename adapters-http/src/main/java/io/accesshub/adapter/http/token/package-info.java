/** The token API: the one place where access tokens leave the hub, to authenticated services only. */
package io.accesshub.adapter.http.token;

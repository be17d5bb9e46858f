/** Inbound HTTP adapter: the OAuth install flow, webhook intake and the token and installation API. */
package io.accesshub.adapter.http;

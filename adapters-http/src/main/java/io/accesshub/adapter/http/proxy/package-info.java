/** Who is really calling: the client address and scheme, believed from forwarding headers only of trusted proxies. */
package io.accesshub.adapter.http.proxy;

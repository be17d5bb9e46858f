/** Security headers on every response, and the strict ones (CSP, framing, referrer) on HTML pages. */
package io.accesshub.adapter.http.headers;

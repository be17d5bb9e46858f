/** The browser side of the install: the install link and HighLevel's OAuth callback, answered with small HTML pages. */
package io.accesshub.adapter.http.install;

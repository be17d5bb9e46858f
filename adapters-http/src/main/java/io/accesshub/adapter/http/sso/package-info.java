/** Custom-page SSO: decrypts the user context HighLevel hands an embedded page, for the SaaS backend. */
package io.accesshub.adapter.http.sso;

/** API-key authentication for the SaaS's services: only SHA-256 hashes of keys are configured, with permissions. */
package io.accesshub.adapter.http.security;

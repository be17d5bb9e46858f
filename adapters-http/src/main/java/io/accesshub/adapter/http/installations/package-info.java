/** Read-only installation API for the SaaS's services: state, reasons, scopes and expiry, never tokens. */
package io.accesshub.adapter.http.installations;

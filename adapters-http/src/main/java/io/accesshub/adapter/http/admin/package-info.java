/** Admin API: API keys and the audit of token reads, for unscoped admin keys only. */
package io.accesshub.adapter.http.admin;

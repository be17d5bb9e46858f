/** API keys created at runtime and the audit of token reads, on MySQL/MariaDB. */
package io.accesshub.adapter.persistence.access;
